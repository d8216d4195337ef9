// files readers attach to a slash command (an OPML file for /source import). The address comes from
// Discord, in the interaction's resolved attachments, never from the reader; still, only Discord's
// attachment CDN is fetched (exact origin, no redirects), with a size cap checked before and while
// reading and a time limit, so the bot can never be made to fetch anything else.
import { request } from 'undici';
import type { APIAttachment } from 'discord.js';
import { attachedFile, fileSize, said, sizeLimit, UserError, type Said } from '../../src/index.js';

/** where Discord serves attachments (the `url` of an attachment object) */
export const DISCORD_ATTACHMENT_ORIGINS: readonly string[] = ['https://cdn.discordapp.com'];
/** as much as an OPML import reads */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_TIMEOUT_MS = 15_000;

export interface AttachmentPolicy {
  /** origins (scheme, host, port) files may be fetched from */
  origins: readonly string[];
  maxBytes: number;
  timeoutMs: number;
}

export type AttachmentReader = (attachment: APIAttachment) => Promise<Uint8Array>;

export function createAttachmentReader(policy: Partial<AttachmentPolicy> = {}): AttachmentReader {
  const origins = new Set(policy.origins ?? DISCORD_ATTACHMENT_ORIGINS);
  const maxBytes = policy.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const timeoutMs = policy.timeoutMs ?? ATTACHMENT_TIMEOUT_MS;
  const tooLarge = (file: Said, size?: number) =>
    size === undefined
      ? UserError.say('file.tooBigUnknown', { file, max: sizeLimit(maxBytes) })
      : UserError.say('file.tooBig', { file, size: fileSize(size), max: sizeLimit(maxBytes) });

  return async (attachment) => {
    const name = attachedFile(attachment.filename);
    if (typeof attachment.size === 'number' && attachment.size > maxBytes) {
      throw tooLarge(name, attachment.size);
    }
    let url: URL;
    try {
      url = new URL(attachment.url);
    } catch {
      url = new URL('invalid:');
    }
    if (!origins.has(url.origin) || url.username !== '' || url.password !== '') {
      // not the reader's doing: Discord named a place that is not its file server
      throw UserError.say('file.notOnDiscord', { file: name });
    }
    const signal = AbortSignal.timeout(timeoutMs);
    const failed = (reason: Said) => UserError.say('file.discordFailed', { file: name, reason });
    const broke = () =>
      failed(signal.aborted ? said('reason.timeout', { seconds: timeoutMs / 1000 }) : said('reason.failed'));
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, { method: 'GET', maxRedirections: 0, signal });
    } catch {
      throw broke();
    }
    // a body left unread is dropped: destroying it reports an abort, which is expected here
    const drop = () => response.body.on('error', () => undefined).destroy();
    if (response.statusCode !== 200) {
      drop();
      throw failed(said('reason.http', { status: response.statusCode }));
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      drop();
      throw tooLarge(name, declared);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        // the cap holds while reading, whatever the headers said
        if (size > maxBytes) {
          drop();
          throw tooLarge(name);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw broke();
    }
    return new Uint8Array(Buffer.concat(chunks, size));
  };
}
