// an OPML file a reader attaches to /source import: a document sent with the command as its caption,
// or the document of the message the command answers. fetched with getFile and then from the Bot
// API's file endpoint, into memory and under a cap: refused before the download when Telegram gives
// the size, and cut off during it when the bytes run over.
// (@grammyjs/files builds the same link, but downloads to a temporary file with no cap.)
import { GrammyError, type Api } from 'grammy';
import type { Document, Message } from 'grammy/types';
import { findCommand } from '../../commands/index.js';
import { attachedFile, fileSize, sizeLimit, t, UserError, type Logger, type Said } from '../../src/index.js';

/** OPML larger than this is refused; Telegram would let a bot download up to 20 MB */
export const MAX_IMPORT_BYTES = 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;

export type DocumentDownload = (document: Document) => Promise<Uint8Array>;

/** The document of `/source import` sent as a caption, or of the message it replies to. */
export function importedDocument(
  message: Message,
  command: { name: string; text: string },
): Document | undefined {
  if (command.name !== 'source') return undefined;
  const action = findCommand('source')?.fromText(command.text).action;
  if (typeof action !== 'string' || action.toLowerCase() !== 'import') return undefined;
  return message.document ?? message.reply_to_message?.document;
}

function tooBig(file: Said, bytes: number | undefined, max: number): UserError {
  return bytes === undefined
    ? UserError.say('file.tooBigUnknown', { file, max: sizeLimit(max) })
    : UserError.say('file.tooBig', { file, size: fileSize(bytes), max: sizeLimit(max) });
}

// what an OPML file may be labelled as: Telegram guesses from the name, and clients vary
const TEXT_LIKE = /xml|opml|^text\/|^application\/octet-stream$/i;

export function createDocumentDownload(options: {
  api: Api;
  /** without a trailing slash */
  apiRoot: string;
  token: string;
  logger: Logger;
  maxBytes?: number;
  timeoutMs?: number;
}): DocumentDownload {
  const max = options.maxBytes ?? MAX_IMPORT_BYTES;
  const failed = (name: Said, detail: Record<string, unknown>) => {
    // the file's link holds the bot token: it is never logged, only the file's path
    options.logger.warn('telegram: could not download an attached file', {
      file: t('en', name.key, name.values),
      ...detail,
    });
    return UserError.say('file.telegramFailed', { file: name });
  };

  return async (document) => {
    const name = attachedFile(document.file_name);
    // an image or a pdf is refused by its type, before any byte of it is fetched
    if (document.mime_type !== undefined && !TEXT_LIKE.test(document.mime_type)) {
      throw UserError.say('file.notOpmlType', { file: name, type: document.mime_type.slice(0, 100) });
    }
    if (document.file_size !== undefined && document.file_size > max) {
      throw tooBig(name, document.file_size, max);
    }
    let path: string | undefined;
    try {
      const file = await options.api.getFile(document.file_id);
      if (file.file_size !== undefined && file.file_size > max) throw tooBig(name, file.file_size, max);
      path = file.file_path;
    } catch (error) {
      if (error instanceof UserError) throw error;
      if (error instanceof GrammyError && /file is too big/i.test(error.description)) {
        throw tooBig(name, document.file_size, max);
      }
      throw failed(name, { error });
    }
    if (path === undefined) throw failed(name, { problem: 'getFile gave no file_path' });
    const url = `${options.apiRoot}/file/bot${options.token}/${path.split('/').map(encodeURIComponent).join('/')}`;
    const signal = AbortSignal.timeout(options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch (error) {
      throw failed(name, {
        path,
        problem: (error as Error).name === 'TimeoutError' ? 'timed out' : 'network',
      });
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw failed(name, { path, status: response.status });
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > max) {
      await response.body.cancel();
      throw tooBig(name, declared, max);
    }
    return readCapped(
      response.body,
      max,
      () => tooBig(name, undefined, max),
      (problem) => failed(name, { path, problem }),
    );
  };
}

async function readCapped(
  body: ReadableStream<Uint8Array>,
  max: number,
  tooLarge: () => Error,
  broken: (problem: string) => Error,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // stop at the cap: a file bigger than it says is never held whole
      if (total > max) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw broken((error as Error).name === 'TimeoutError' ? 'timed out' : 'the download broke off');
  }
  return new Uint8Array(Buffer.concat(chunks));
}
