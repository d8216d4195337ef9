// files in the fake Bot API: sendDocument with a multipart upload (the bytes kept for assertions),
// getFile, and downloads from /file/bot<token>/<file_path>, with Telegram's limits and wording.
import type { ServerResponse } from 'node:http';
import type { Chat } from 'grammy/types';
import {
  asMessage,
  chatOf,
  type FakeState,
  type Handler,
  type SentMessage,
  type StoredFile,
} from './telegram-methods.js';
import type { Upload } from './telegram-multipart.js';
import { ApiRefusal, checkCaption, checkReplyMarkup } from './telegram-rules.js';
import type { Params } from './telegram-wire.js';

/** Bots may download files of up to 20 MB (getFile), and upload up to 50 MB. */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;
export const TELEGRAM_UPLOAD_LIMIT = 50 * 1024 * 1024;

const extension = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? 'bin';

/** Keeps a file under a fresh file_id, as Telegram does for every upload and attachment. */
export function storeFile(
  state: FakeState,
  file: { name: string; mimeType?: string; bytes: Uint8Array },
): StoredFile {
  const n = state.ids.file++;
  const stored: StoredFile = {
    file_id: `BQACAgIAAxk-fake-${n}`,
    file_unique_id: `AgAD-${n}`,
    file_name: file.name,
    mime_type: file.mimeType ?? 'application/octet-stream',
    bytes: Buffer.from(file.bytes),
    file_path: `documents/file_${n}.${extension(file.name)}`,
  };
  state.files.set(stored.file_id, stored);
  return stored;
}

const isUpload = (value: unknown): value is Upload =>
  typeof value === 'object' && value !== null && Buffer.isBuffer((value as Upload).bytes);

export function createFileMethods(state: FakeState): Record<string, Handler> {
  return {
    getFile: (params) => {
      const file = state.files.get(String(params.file_id));
      if (file === undefined) throw new ApiRefusal(400, 'Bad Request: invalid file_id');
      if (file.bytes.byteLength > TELEGRAM_DOWNLOAD_LIMIT) {
        throw new ApiRefusal(400, 'Bad Request: file is too big');
      }
      return {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_size: file.bytes.byteLength,
        file_path: file.file_path,
      };
    },
    sendDocument: (params) => {
      const chat: Chat = chatOf(state, params.chat_id);
      if (params.message_thread_id !== undefined && !(chat.type === 'supergroup' && chat.is_forum)) {
        throw new ApiRefusal(400, 'Bad Request: message thread not found');
      }
      const document = documentParam(state, params);
      const caption = checkCaption(params.caption, params.parse_mode);
      checkReplyMarkup(params.reply_markup);
      const message: SentMessage = {
        ...caption,
        message_id: state.ids.message++,
        chat_id: chat.id,
        thread_id: typeof params.message_thread_id === 'number' ? params.message_thread_id : undefined,
        html: typeof params.caption === 'string' ? params.caption : '',
        parse_mode: params.parse_mode as string | undefined,
        link_preview_options: undefined,
        reply_markup: params.reply_markup as SentMessage['reply_markup'],
        at: state.now(),
        edits: 0,
        document,
      };
      state.sent.set(String(chat.id), [...(state.sent.get(String(chat.id)) ?? []), message]);
      return asMessage(state, chat, message);
    },
  };
}

// an upload, or the file_id of a file Telegram already has; a URL would be fetched by Telegram
function documentParam(state: FakeState, params: Params): StoredFile {
  const document = params.document;
  if (isUpload(document)) {
    if (document.bytes.byteLength === 0) throw new ApiRefusal(400, 'Bad Request: file must be non-empty');
    if (document.bytes.byteLength > TELEGRAM_UPLOAD_LIMIT) {
      throw new ApiRefusal(413, 'Request Entity Too Large');
    }
    return storeFile(state, {
      name: document.filename,
      mimeType: document.contentType,
      bytes: document.bytes,
    });
  }
  const known = typeof document === 'string' ? state.files.get(document) : undefined;
  if (known === undefined) {
    throw new ApiRefusal(400, 'Bad Request: wrong file identifier/HTTP URL specified');
  }
  return known;
}

/** GET /file/bot<token>/<file_path>: the bytes, or Telegram's 404. */
export function serveDownload(state: FakeState, filePath: string, res: ServerResponse): void {
  const file = [...state.files.values()].find((f) => f.file_path === filePath);
  if (file === undefined || file.bytes.byteLength > TELEGRAM_DOWNLOAD_LIMIT) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': String(file.bytes.byteLength),
  });
  res.end(file.bytes);
}
