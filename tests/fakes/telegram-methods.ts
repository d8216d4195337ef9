// the Bot API methods the fake implements, each answering as Telegram does or throwing its refusal.
import type { ServerResponse } from 'node:http';
import type { Chat, Message, User } from 'grammy/types';
import { ApiRefusal, checkReplyMarkup, checkText, type CheckedText } from './telegram-rules.js';
import type { createUpdateFeed } from './telegram-updates.js';
import type { Params } from './telegram-wire.js';

/** A message the bot sent, as the fake stored it. */
export interface SentMessage extends CheckedText {
  message_id: number;
  chat_id: number | string;
  thread_id: number | undefined;
  /** the text parameter as sent (HTML when parse_mode is HTML) */
  html: string;
  parse_mode: string | undefined;
  link_preview_options: { is_disabled?: boolean; url?: string } | undefined;
  reply_markup: { inline_keyboard: { text: string; callback_data?: string }[][] } | undefined;
  /** performance.now() when it was accepted; an edit keeps it and counts in `edits` */
  at: number;
  edits: number;
  /** a sendDocument: the uploaded file; `text` and `entities` are then its caption */
  document?: StoredFile;
}

/** A file the fake holds: uploaded by the bot, or attached by a reader. */
export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  mime_type: string;
  bytes: Buffer;
  /** where getFile says it can be downloaded, under /file/bot<token>/ */
  file_path: string;
}

export interface FakeState {
  me: User;
  now(): number;
  updates: ReturnType<typeof createUpdateFeed>;
  chats: Map<string, Chat>;
  sent: Map<string, SentMessage[]>;
  queries: Map<string, { answered: boolean; text?: string }>;
  /** "chat:user" → getChatMember status */
  members: Map<string, string>;
  ids: { message: number; query: number; file: number };
  /** file_id → file, for getFile and downloads */
  files: Map<string, StoredFile>;
  /** the command menu with no language_code */
  myCommands: { command: string; description: string }[];
  /** the command menus set for a language_code ("fa", "ps") */
  myCommandsByLanguage: Map<string, { command: string; description: string }[]>;
}

export type Handler = (params: Params, res: ServerResponse) => unknown;

export function chatOf(state: FakeState, id: unknown): Chat {
  const chat = state.chats.get(String(id));
  if (chat === undefined) throw new ApiRefusal(400, 'Bad Request: chat not found');
  return chat;
}

/** A stored message as the Message object Telegram returns and puts in callback queries. */
export const asMessage = (state: FakeState, chat: Chat, stored: SentMessage): Message =>
  ({
    message_id: stored.message_id,
    from: state.me,
    chat,
    date: Math.floor(Date.now() / 1000),
    ...(stored.document === undefined
      ? { text: stored.text, ...(stored.entities.length ? { entities: stored.entities } : {}) }
      : {
          document: documentOf(stored.document),
          ...(stored.text ? { caption: stored.text } : {}),
          ...(stored.entities.length ? { caption_entities: stored.entities } : {}),
        }),
    ...(stored.thread_id === undefined
      ? {}
      : { message_thread_id: stored.thread_id, is_topic_message: true }),
    ...(stored.reply_markup ? { reply_markup: stored.reply_markup } : {}),
  }) as Message;

/** A stored file as the Document object of a message. */
export const documentOf = (file: StoredFile) => ({
  file_id: file.file_id,
  file_unique_id: file.file_unique_id,
  file_name: file.file_name,
  mime_type: file.mime_type,
  file_size: file.bytes.byteLength,
});

function findSent(state: FakeState, params: Params): { chat: Chat; stored: SentMessage } {
  const chat = chatOf(state, params.chat_id);
  const stored = state.sent.get(String(chat.id))?.find((m) => m.message_id === params.message_id);
  if (stored === undefined) throw new ApiRefusal(400, 'Bad Request: message to edit not found');
  return { chat, stored };
}

export function createMethods(state: FakeState): Record<string, Handler> {
  return {
    getMe: () => state.me,
    getUpdates: (params, res) => state.updates.poll(params, res),
    deleteWebhook: (params) => {
      state.updates.deleteWebhook(
        params.drop_pending_updates === true || params.drop_pending_updates === 'true',
      );
      return true;
    },
    setWebhook: (params) => {
      if (typeof params.url !== 'string' || params.url === '') {
        throw new ApiRefusal(400, 'Bad Request: bad webhook: an HTTPS URL must be provided for webhook');
      }
      const secret = params.secret_token as string | undefined;
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
        throw new ApiRefusal(400, 'Bad Request: secret token contains unallowed characters');
      }
      state.updates.setWebhook(params.url, secret);
      return true;
    },
    setMyCommands: (params) => {
      const commands = params.commands as { command?: unknown; description?: unknown }[];
      if (!Array.isArray(commands) || commands.length > 100) {
        throw new ApiRefusal(400, 'Bad Request: commands must be an array of at most 100');
      }
      for (const c of commands) {
        if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
          throw new ApiRefusal(400, 'Bad Request: BOT_COMMAND_INVALID');
        }
        if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
          throw new ApiRefusal(400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
        }
      }
      const languageCode = params.language_code;
      if (
        languageCode !== undefined &&
        (typeof languageCode !== 'string' || !/^[a-z]{2}$/.test(languageCode))
      ) {
        throw new ApiRefusal(400, 'Bad Request: invalid language code specified');
      }
      if (languageCode === undefined) state.myCommands = commands as FakeState['myCommands'];
      else state.myCommandsByLanguage.set(languageCode, commands as FakeState['myCommands']);
      return true;
    },
    sendMessage: (params) => {
      const chat = chatOf(state, params.chat_id);
      if (params.message_thread_id !== undefined && !(chat.type === 'supergroup' && chat.is_forum)) {
        throw new ApiRefusal(400, 'Bad Request: message thread not found');
      }
      const checked = checkText(params.text, params.parse_mode);
      checkReplyMarkup(params.reply_markup);
      const message: SentMessage = {
        ...checked,
        message_id: state.ids.message++,
        chat_id: chat.id,
        thread_id: typeof params.message_thread_id === 'number' ? params.message_thread_id : undefined,
        html: String(params.text),
        parse_mode: params.parse_mode as string | undefined,
        link_preview_options: params.link_preview_options as SentMessage['link_preview_options'],
        reply_markup: params.reply_markup as SentMessage['reply_markup'],
        at: state.now(),
        edits: 0,
      };
      state.sent.set(String(chat.id), [...(state.sent.get(String(chat.id)) ?? []), message]);
      return asMessage(state, chat, message);
    },
    editMessageText: (params) => {
      const { chat, stored } = findSent(state, params);
      const checked = checkText(params.text, params.parse_mode);
      checkReplyMarkup(params.reply_markup);
      const markup = params.reply_markup as SentMessage['reply_markup'];
      if (stored.html === params.text && JSON.stringify(stored.reply_markup) === JSON.stringify(markup)) {
        throw new ApiRefusal(
          400,
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      // without reply_markup an edit removes the buttons, as Telegram's does
      Object.assign(stored, checked, {
        html: String(params.text),
        parse_mode: params.parse_mode,
        reply_markup: markup,
        link_preview_options: params.link_preview_options,
        edits: stored.edits + 1,
      });
      return asMessage(state, chat, stored);
    },
    editMessageReplyMarkup: (params) => {
      const { chat, stored } = findSent(state, params);
      checkReplyMarkup(params.reply_markup);
      stored.reply_markup = params.reply_markup as SentMessage['reply_markup'];
      stored.edits += 1;
      return asMessage(state, chat, stored);
    },
    answerCallbackQuery: (params) => {
      const query = state.queries.get(String(params.callback_query_id));
      if (query === undefined || query.answered) {
        throw new ApiRefusal(
          400,
          'Bad Request: query is too old and response timeout expired or query ID is invalid',
        );
      }
      if (typeof params.text === 'string' && params.text.length > 200) {
        throw new ApiRefusal(400, 'Bad Request: MESSAGE_TOO_LONG');
      }
      query.answered = true;
      if (typeof params.text === 'string') query.text = params.text;
      return true;
    },
    getChatMember: (params) => {
      chatOf(state, params.chat_id);
      const user =
        Number(params.user_id) === state.me.id
          ? state.me
          : { id: Number(params.user_id), is_bot: false, first_name: 'Reader' };
      return {
        status: state.members.get(`${String(params.chat_id)}:${String(params.user_id)}`) ?? 'member',
        user,
      };
    },
  };
}
