// a fake Telegram Bot API on node:http for tests and the bench: `${apiRoot}/bot<token>/<method>` with
// JSON, form, multipart or query parameters; the methods in telegram-methods.ts and, for documents and
// downloads (`${apiRoot}/file/bot<token>/<file_path>`), telegram-files.ts; real long polling or webhook
// delivery (telegram-updates.ts);
// Telegram's windows answered with 429 + retry_after, its HTML and length checks and its errors
// (telegram-rules.ts). it records everything the bot sends, per chat, and can be told to fail.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, Update, User } from 'grammy/types';
import { createFileMethods, serveDownload, storeFile } from './telegram-files.js';
import { asMessage, chatOf, createMethods, type FakeState, type SentMessage } from './telegram-methods.js';
import { ApiRefusal, createWindowCounter, TELEGRAM_LIMITS, type FakeWindows } from './telegram-rules.js';
import { createUpdateFeed } from './telegram-updates.js';
import { answer, readParams, refuse, type Params } from './telegram-wire.js';

export type { SentMessage, StoredFile } from './telegram-methods.js';
export { TELEGRAM_DOWNLOAD_LIMIT } from './telegram-files.js';
export { TELEGRAM_LIMITS, type FakeWindows } from './telegram-rules.js';
export { groupChat, privateChat, reader, supergroup } from './telegram-wire.js';

export const FAKE_TOKEN = '123456:TEST-fake-token_for-tests';
export const FAKE_BOT_USERNAME = 'briefer_test_bot';

/** What the fake answers the next send(s) to one chat. */
export type Failure =
  | { kind: '429'; retryAfter: number }
  | { kind: '5xx'; status?: number }
  | { kind: 'network' }
  | { kind: 'blocked' | 'kicked' | 'not-found' };

export interface FakeOptions {
  token?: string;
  botUsername?: string;
  /** the windows enforced; false enforces none; default Telegram's (30/s, 1/s a chat, 20/min a group) */
  windows?: FakeWindows | false;
}

const PACED = new Set(['sendMessage', 'sendDocument', 'editMessageText', 'editMessageReplyMarkup']);

function failureRefusal(failure: Exclude<Failure, { kind: 'network' }>): ApiRefusal {
  switch (failure.kind) {
    case '429':
      return new ApiRefusal(429, `Too Many Requests: retry after ${failure.retryAfter}`, {
        retry_after: failure.retryAfter,
      });
    case '5xx':
      return new ApiRefusal(failure.status ?? 500, 'Internal Server Error');
    case 'blocked':
      return new ApiRefusal(403, 'Forbidden: bot was blocked by the user');
    case 'kicked':
      return new ApiRefusal(403, 'Forbidden: bot was kicked from the group chat');
    case 'not-found':
      return new ApiRefusal(400, 'Bad Request: chat not found');
  }
}

/** where a reader's message goes: a forum topic, and the message it answers */
export interface MessageOptions {
  threadId?: number;
  replyTo?: Message;
}

// the bot_command entity real clients add for a leading /command
function commandEntities(key: 'entities' | 'caption_entities', text: string) {
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text)?.[0];
  return command ? { [key]: [{ type: 'bot_command', offset: 0, length: command.length }] } : {};
}

export async function startFakeTelegram(options: FakeOptions = {}) {
  const token = options.token ?? FAKE_TOKEN;
  const me: User = {
    id: Number(token.split(':')[0]),
    is_bot: true,
    first_name: 'Briefer Test',
    username: options.botUsername ?? FAKE_BOT_USERNAME,
  };
  const now = () => performance.now();
  const events = new EventEmitter();
  const changed = () => events.emit('change');
  const updates = createUpdateFeed(changed);
  const windows = createWindowCounter(options.windows ?? TELEGRAM_LIMITS, now);
  const state: FakeState = {
    me,
    now,
    updates,
    chats: new Map(),
    sent: new Map(),
    queries: new Map(),
    members: new Map(),
    ids: { message: 1000, query: 1, file: 1 },
    files: new Map(),
    myCommands: [],
    myCommandsByLanguage: new Map(),
  };
  const { chats, sent, queries, members } = state;
  const failures = new Map<string, Failure[]>();
  const methodFailures = new Map<string, number[]>();
  const gone = new Map<string, ApiRefusal>();
  const stats = {
    tooManyRequests: 0,
    refusals: [] as { method: string; code: number; description: string }[],
  };
  const calls: { method: string; params: Params; at: number }[] = [];
  /** file paths downloaded from /file/bot<token>/ */
  const downloads: string[] = [];

  const methods = { ...createMethods(state), ...createFileMethods(state) };

  // a send to a chat passes, in Telegram's order: the chat's standing, an injected failure, the windows
  const admitSend = (params: Params, res: ServerResponse): boolean => {
    const standing = gone.get(String(params.chat_id));
    if (standing) throw standing;
    const failure = failures.get(String(params.chat_id))?.shift();
    if (failure?.kind === 'network') {
      res.socket?.destroy();
      return false;
    }
    if (failure) throw failureRefusal(failure);
    chatOf(state, params.chat_id);
    windows.check(params.chat_id as number | string);
    return true;
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      if (file[1] !== token) return refuse(res, new ApiRefusal(401, 'Unauthorized'));
      downloads.push(decodeURIComponent(file[2]!));
      serveDownload(state, decodeURIComponent(file[2]!), res);
      return changed();
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return refuse(res, new ApiRefusal(404, 'Not Found'));
    if (match[1] !== token) return refuse(res, new ApiRefusal(401, 'Unauthorized'));
    const method = match[2]!;
    const handler = methods[method];
    if (!handler) return refuse(res, new ApiRefusal(404, 'Not Found: method not found'));
    const params = await readParams(req, url);
    calls.push({ method, params, at: now() });
    try {
      const status = methodFailures.get(method)?.shift();
      if (status !== undefined)
        throw new ApiRefusal(status, status >= 500 ? 'Internal Server Error' : 'Bad Request');
      if (PACED.has(method) && !admitSend(params, res)) return;
      const result = handler(params, res);
      if (result === undefined) return; // a held long poll, answered later
      if (PACED.has(method)) windows.record(params.chat_id as number | string);
      answer(res, 200, { ok: true, result });
    } catch (error) {
      if (!(error instanceof ApiRefusal)) throw error;
      if (error.code === 429) stats.tooManyRequests += 1;
      stats.refusals.push({ method, code: error.code, description: error.description });
      refuse(res, error);
    } finally {
      changed();
    }
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) =>
      answer(res, 500, {
        ok: false,
        error_code: 500,
        description: `Internal Server Error: ${String(error)}`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  /** resolves with what `check` gives once it gives something, re-checked after every request */
  const waitFor = <T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> =>
    new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined || value === false) return false;
        events.off('change', attempt);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        events.off('change', attempt);
        reject(new Error(`fake Telegram: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      if (!attempt()) events.on('change', attempt);
    });

  const messagesIn = (chatId: number | string, threadId?: number) =>
    (sent.get(String(chatId)) ?? []).filter((m) => threadId === undefined || m.thread_id === threadId);

  const readerMessage = (chat: Chat, from: User, options: MessageOptions) => {
    chats.set(String(chat.id), chat);
    return {
      message_id: state.ids.message++,
      from,
      chat,
      date: Math.floor(Date.now() / 1000),
      ...(options.threadId === undefined
        ? {}
        : { message_thread_id: options.threadId, is_topic_message: true }),
      ...(options.replyTo === undefined ? {} : { reply_to_message: options.replyTo }),
    };
  };

  // raw on purpose: a test may push any update, even one of a kind Telegram has not invented yet
  const pushUpdate = (update: Record<string, unknown>) => updates.push(update as Omit<Update, 'update_id'>);

  return {
    token,
    me,
    apiRoot: `http://127.0.0.1:${port}`,
    stats,
    calls,
    downloads,
    webhookResponses: updates.webhookResponses,
    get webhook() {
      return updates.webhook;
    },
    get myCommands() {
      return state.myCommands;
    },
    /** the menu set for a language_code ("fa", "ps") */
    myCommandsIn(languageCode: string) {
      return state.myCommandsByLanguage.get(languageCode);
    },
    get pendingUpdates() {
      return updates.pending;
    },
    /** makes a chat known, as if someone had talked to the bot there */
    addChat(chat: Chat): Chat {
      chats.set(String(chat.id), chat);
      return chat;
    },
    /** queues an update for getUpdates, or POSTs it to the webhook when one is set */
    pushUpdate,
    /** a reader writes `text`; a leading /command gets its bot_command entity, as real clients add */
    sendText(chat: Chat, from: User, text: string, options: MessageOptions = {}): Message {
      const message = { ...readerMessage(chat, from, options), text, ...commandEntities('entities', text) };
      pushUpdate({ message });
      return message as Message;
    },
    /** a reader sends a document, with a caption (a /command there gets its entity too) or without */
    sendDocument(
      chat: Chat,
      from: User,
      file: { name: string; mimeType?: string; bytes: Uint8Array | string; caption?: string },
      options: MessageOptions = {},
    ): Message {
      const bytes = typeof file.bytes === 'string' ? Buffer.from(file.bytes, 'utf8') : file.bytes;
      const stored = storeFile(state, { ...file, bytes });
      const message = {
        ...readerMessage(chat, from, options),
        document: {
          file_id: stored.file_id,
          file_unique_id: stored.file_unique_id,
          file_name: stored.file_name,
          mime_type: stored.mime_type,
          file_size: stored.bytes.byteLength,
        },
        ...(file.caption === undefined
          ? {}
          : { caption: file.caption, ...commandEntities('caption_entities', file.caption) }),
      };
      pushUpdate({ message });
      return message as Message;
    },
    /** a reader presses an inline button of a message the bot sent; gives the callback query's id */
    pressButton(message: SentMessage, data: string, from: User): string {
      const id = String(state.ids.query++);
      queries.set(id, { answered: false });
      const chat = chatOf(state, message.chat_id);
      pushUpdate({
        callback_query: {
          id,
          from,
          message: asMessage(state, chat, message),
          chat_instance: `ci${chat.id}`,
          data,
        },
      });
      return id;
    },
    callbackAnswer: (id: string) => queries.get(id),
    /** what getChatMember says of `userId` in `chatId` (default "member") */
    setMember(chatId: number, userId: number, status: 'creator' | 'administrator' | 'member' | 'left') {
      members.set(`${chatId}:${userId}`, status);
    },
    /** the next `times` sends to `chatId` fail this way */
    failNext(chatId: number | string, failure: Failure, times = 1) {
      const queue = failures.get(String(chatId)) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(failure);
      failures.set(String(chatId), queue);
    },
    /** the next call of `method` answers with this HTTP status */
    failMethod(method: string, status: number) {
      methodFailures.set(method, [...(methodFailures.get(method) ?? []), status]);
    },
    /** from now on every send to `chatId` gets 403 */
    blockBot(chatId: number | string, how: 'blocked' | 'kicked' = 'blocked') {
      gone.set(String(chatId), failureRefusal({ kind: how }));
    },
    /** the reader unblocked the bot (or it was added back): sends to `chatId` are accepted again */
    unblockBot(chatId: number | string) {
      gone.delete(String(chatId));
    },
    /** the bot was removed from `chat` by `from` (or blocked, in a private chat): a my_chat_member update */
    removeBot(chat: Chat, from: User, status: 'kicked' | 'left' = 'kicked') {
      chats.set(String(chat.id), chat);
      pushUpdate({
        my_chat_member: {
          chat,
          from,
          date: Math.floor(Date.now() / 1000),
          old_chat_member: { user: me, status: chat.type === 'private' ? 'member' : 'administrator' },
          new_chat_member: { user: me, status, ...(status === 'kicked' ? { until_date: 0 } : {}) },
        },
      });
    },
    /** the group became a supergroup: sends to the old id are refused with migrate_to_chat_id */
    migrateChat(from: number, to: Chat) {
      chats.set(String(to.id), to);
      gone.set(
        String(from),
        new ApiRefusal(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
          migrate_to_chat_id: to.id,
        }),
      );
    },
    messagesIn,
    waitFor,
    waitForMessages(
      chatId: number | string,
      count: number,
      options: { timeoutMs?: number; threadId?: number } = {},
    ) {
      return waitFor(
        () => {
          const list = messagesIn(chatId, options.threadId);
          return list.length >= count ? list : undefined;
        },
        `${count} message(s) in chat ${chatId}`,
        options.timeoutMs,
      );
    },
    async close() {
      await updates.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;
