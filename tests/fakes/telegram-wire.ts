// the fake Bot API's wire: request parameters in any of Telegram's encodings, Telegram-shaped answers,
// and the users and chats the tests write from.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Chat, User } from 'grammy/types';
import { multipartBoundary, parseMultipart } from './telegram-multipart.js';
import type { ApiRefusal } from './telegram-rules.js';

export type Params = Record<string, unknown>;

const NUMERIC = ['chat_id', 'message_id', 'user_id', 'offset', 'limit', 'timeout', 'message_thread_id'];

/**
 * Parameters from the query string and a JSON, form or multipart body, as Telegram accepts them.
 * An uploaded file is an `Upload`, under its own name or under the one that `attach://<part>` names.
 */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const body = raw.toString('utf8');
  const params: Params = {};
  const fromForm = (search: Iterable<[string, string]>) => {
    // form values are strings; objects (reply_markup, commands) arrive as JSON text
    for (const [key, value] of search) params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  };
  fromForm(url.searchParams);
  const type = req.headers['content-type'] ?? '';
  const boundary = multipartBoundary(type);
  if (boundary !== undefined) {
    const { fields, files } = parseMultipart(raw, boundary);
    fromForm(Object.entries(fields));
    for (const [key, value] of Object.entries(params)) {
      const attached = typeof value === 'string' ? /^attach:\/\/(.+)$/.exec(value)?.[1] : undefined;
      if (attached !== undefined && files[attached]) params[key] = files[attached];
    }
    for (const [name, file] of Object.entries(files)) params[name] ??= file;
  } else if (body.trim() !== '' && type.includes('application/json')) Object.assign(params, JSON.parse(body));
  else if (body.trim() !== '') fromForm(new URLSearchParams(body));
  for (const key of NUMERIC) {
    const value = params[key];
    if (typeof value === 'string' && /^-?\d+$/.test(value)) params[key] = Number(value);
  }
  return params;
}

export function answer(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** `{ ok: false, error_code, description, parameters? }` with the same HTTP status, as Telegram does. */
export function refuse(res: ServerResponse, refusal: ApiRefusal): void {
  answer(res, refusal.code, {
    ok: false,
    error_code: refusal.code,
    description: refusal.description,
    ...(refusal.parameters ? { parameters: refusal.parameters } : {}),
  });
}

let nextUser = 1;
/** A reader (a private chat has the same id as its reader). */
export const reader = (id = 5000 + nextUser++, first_name = `Reader ${id}`): User => ({
  id,
  is_bot: false,
  first_name,
  language_code: 'en',
});
export const privateChat = (user: User): Chat => ({
  id: user.id,
  type: 'private',
  first_name: user.first_name,
});
export const groupChat = (id: number, title = 'A group'): Chat => ({ id, type: 'group', title });
export const supergroup = (id: number, options: { forum?: boolean; title?: string } = {}): Chat =>
  ({
    id,
    type: 'supergroup',
    title: options.title ?? 'A supergroup',
    ...(options.forum ? { is_forum: true } : {}),
  }) as Chat;
