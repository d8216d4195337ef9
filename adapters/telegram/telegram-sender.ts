// the one way messages leave for Telegram, for replies and (later) briefings: it turns what Telegram
// answers into a receipt. pacing and retries happen below it, in the api's discipline.
import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from '../../src/index.js';
import { htmlToPlain } from './html-to-plain.js';
import type { TelegramMessage } from './render-html.js';
import type { ChatId } from './send-pacer.js';

export type OutgoingMessage = TelegramMessage & {
  reply_markup?: InlineKeyboardMarkup;
  /** the forum topic to post in */
  message_thread_id?: number;
};

/** A document to upload, e.g. an OPML export; its caption is an HTML message of at most 1,024 characters. */
export interface OutgoingDocument {
  name: string;
  content: string | Uint8Array;
  caption?: OutgoingMessage;
  /** the forum topic to post in */
  message_thread_id?: number;
}

export type SendReceipt =
  | { ok: true; messageIds: number[]; migratedTo?: number }
  | { ok: false; reason: 'inactive' | 'failed'; detail: string; migratedTo?: number };

export interface TelegramSender {
  /** sends one message; messages to one chat leave in the order they were given */
  send(chatId: ChatId, message: OutgoingMessage): Promise<SendReceipt>;
  /** uploads a document (sendDocument, multipart); paced and ordered with the chat's messages */
  sendDocument(chatId: ChatId, document: OutgoingDocument): Promise<SendReceipt>;
  /** replaces a message's text and buttons; counts against the chat like a new message */
  edit(chatId: ChatId, messageId: number, message: OutgoingMessage): Promise<SendReceipt>;
  /** resolves once everything handed over so far has been answered */
  idle(): Promise<void>;
}

export interface SenderHooks {
  /** the bot was blocked, kicked, or the chat is gone: stop sending there */
  onInactive?(chatId: ChatId, detail: string): void;
  /** a group became a supergroup with a new id */
  onMigrate?(from: ChatId, to: number): void;
}

type Problem = { kind: 'migrate'; to: number } | { kind: 'entities' | 'inactive' | 'other'; detail: string };

const INACTIVE = /chat not found|PEER_ID_INVALID|group chat was deactivated|user is deactivated/i;

function classify(error: unknown): Problem {
  if (error instanceof GrammyError) {
    const detail = `${error.error_code} ${error.description}`;
    const to = error.parameters.migrate_to_chat_id;
    if (typeof to === 'number') return { kind: 'migrate', to };
    if (error.error_code === 403 || INACTIVE.test(error.description)) return { kind: 'inactive', detail };
    if (/can't parse entities/i.test(error.description)) return { kind: 'entities', detail };
    return { kind: 'other', detail };
  }
  if (error instanceof HttpError) return { kind: 'other', detail: `network: ${error.message}` };
  return { kind: 'other', detail: error instanceof Error ? error.message : String(error) };
}

const plain = (message: OutgoingMessage): OutgoingMessage => {
  const { parse_mode: _html, ...rest } = message;
  return { ...rest, text: htmlToPlain(message.text) } as OutgoingMessage;
};

export function createTelegramSender(api: Api, logger: Logger, hooks: SenderHooks = {}): TelegramSender {
  const tails = new Map<string, Promise<unknown>>();
  const pending = new Set<Promise<unknown>>();

  const call = (hook: () => void, what: string) => {
    try {
      hook();
    } catch (error) {
      logger.error(`telegram: the ${what} hook failed`, { error });
    }
  };

  /** one attempt plan: migrate once, fall back to plain text once, then give up with a receipt */
  const deliver = async (
    chatId: ChatId,
    message: OutgoingMessage,
    post: (target: ChatId, message: OutgoingMessage) => Promise<number>,
    canMigrate: boolean,
  ): Promise<SendReceipt> => {
    let target = chatId;
    let current = message;
    let migratedTo: number | undefined;
    const moved = () => (migratedTo === undefined ? {} : { migratedTo });
    for (;;) {
      try {
        return { ok: true, messageIds: [await post(target, current)], ...moved() };
      } catch (error) {
        const problem = classify(error);
        if (problem.kind === 'migrate' && canMigrate && migratedTo === undefined) {
          migratedTo = problem.to;
          logger.info('telegram: chat moved to a new id', { from: target, to: problem.to });
          const from = target;
          call(() => hooks.onMigrate?.(from, problem.to), 'onMigrate');
          target = problem.to;
          continue;
        }
        if (problem.kind === 'migrate') {
          return {
            ok: false,
            reason: 'failed',
            detail: `chat moved to ${problem.to}`,
            migratedTo: problem.to,
          };
        }
        if (problem.kind === 'entities' && current.parse_mode !== undefined) {
          logger.warn('telegram: HTML refused, sent as plain text', { chat: target, detail: problem.detail });
          current = plain(current);
          continue;
        }
        if (problem.kind === 'inactive') {
          logger.info('telegram: chat is inactive', { chat: target, detail: problem.detail });
          const gone = target;
          call(() => hooks.onInactive?.(gone, problem.detail), 'onInactive');
          return { ok: false, reason: 'inactive', detail: problem.detail, ...moved() };
        }
        logger.warn('telegram: message not delivered', { chat: target, detail: problem.detail });
        return { ok: false, reason: 'failed', detail: problem.detail, ...moved() };
      }
    }
  };

  // one chain per chat keeps its messages in order even when two answers are sent at once
  const enqueue = (chatId: ChatId, task: () => Promise<SendReceipt>): Promise<SendReceipt> => {
    const key = String(chatId);
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    pending.add(tail);
    void tail.then(() => {
      pending.delete(tail);
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };

  const options = (message: OutgoingMessage) => ({
    ...(message.parse_mode === undefined ? {} : { parse_mode: message.parse_mode }),
    link_preview_options: message.link_preview_options,
    ...(message.reply_markup === undefined ? {} : { reply_markup: message.reply_markup }),
  });

  return {
    send(chatId, message) {
      return enqueue(chatId, () =>
        deliver(
          chatId,
          message,
          async (target, current) => {
            const sent = await api.sendMessage(target, current.text, {
              ...options(current),
              ...(current.message_thread_id === undefined
                ? {}
                : { message_thread_id: current.message_thread_id }),
            });
            return sent.message_id;
          },
          true,
        ),
      );
    },
    sendDocument(chatId, document) {
      const bytes =
        typeof document.content === 'string' ? Buffer.from(document.content, 'utf8') : document.content;
      return enqueue(chatId, () =>
        deliver(
          chatId,
          document.caption ?? { text: '', parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
          async (target, caption) => {
            // bytes, not a stream: a retry after a 429 or a network failure can upload them again
            const sent = await api.sendDocument(target, new InputFile(bytes, document.name), {
              ...(caption.text === '' ? {} : { caption: caption.text }),
              ...(caption.parse_mode === undefined || caption.text === ''
                ? {}
                : { parse_mode: caption.parse_mode }),
              ...(caption.reply_markup === undefined ? {} : { reply_markup: caption.reply_markup }),
              ...(document.message_thread_id === undefined
                ? {}
                : { message_thread_id: document.message_thread_id }),
            });
            return sent.message_id;
          },
          true,
        ),
      );
    },
    edit(chatId, messageId, message) {
      return enqueue(chatId, () =>
        deliver(
          chatId,
          message,
          async (target, current) => {
            try {
              await api.editMessageText(target, messageId, current.text, options(current));
            } catch (error) {
              // pressing a button twice can ask for the same text: nothing to change is not a failure
              if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) {
                throw error;
              }
            }
            return messageId;
          },
          false,
        ),
      );
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
