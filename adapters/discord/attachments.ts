// files readers attach to a slash command (an OPML file for /source import). The address comes from
// Discord, in the interaction's resolved attachments, never from the reader; still, only Discord's
// attachment CDN is fetched (exact origin, no redirects), with a size cap checked before and while
// reading and a time limit, so the bot can never be made to fetch anything else.
import { request } from 'undici';
import type { APIAttachment } from 'discord.js';
import { UserError } from '../../src/index.js';

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

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function createAttachmentReader(policy: Partial<AttachmentPolicy> = {}): AttachmentReader {
  const origins = new Set(policy.origins ?? DISCORD_ATTACHMENT_ORIGINS);
  const maxBytes = policy.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const timeoutMs = policy.timeoutMs ?? ATTACHMENT_TIMEOUT_MS;
  const tooLarge = (name: string, size: string) =>
    new UserError(
      `The attached file ${name} is ${size}; I can read files up to ${megabytes(maxBytes)}. Attach a smaller one.`,
    );

  return async (attachment) => {
    const name = JSON.stringify(attachment.filename ?? 'file');
    if (typeof attachment.size === 'number' && attachment.size > maxBytes) {
      throw tooLarge(name, megabytes(attachment.size));
    }
    let url: URL;
    try {
      url = new URL(attachment.url);
    } catch {
      url = new URL('invalid:');
    }
    if (!origins.has(url.origin) || url.username !== '' || url.password !== '') {
      // not the reader's doing: Discord named a place that is not its file server
      throw new UserError(
        `The attached file ${name} is not on Discord's file server, so I did not fetch it. Attach it again.`,
      );
    }
    const failed = (why: string) =>
      new UserError(`Could not download the attached file ${name} from Discord (${why}). Try again.`);
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, { method: 'GET', maxRedirections: 0, signal });
    } catch (error) {
      throw failed(signal.aborted ? `no answer within ${timeoutMs / 1000} s` : plain(error));
    }
    // a body left unread is dropped: destroying it reports an abort, which is expected here
    const drop = () => response.body.on('error', () => undefined).destroy();
    if (response.statusCode !== 200) {
      drop();
      throw failed(`HTTP ${response.statusCode}`);
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      drop();
      throw tooLarge(name, megabytes(declared));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        // the cap holds while reading, whatever the headers said
        if (size > maxBytes) {
          drop();
          throw tooLarge(name, `more than ${megabytes(maxBytes)}`);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw failed(signal.aborted ? `no answer within ${timeoutMs / 1000} s` : plain(error));
    }
    return new Uint8Array(Buffer.concat(chunks, size));
  };
}

const plain = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
};
