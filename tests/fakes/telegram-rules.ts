// what the fake Bot API checks before it accepts a message: Telegram's windows (answered with 429
// and retry_after) and the message itself (HTML, length, buttons), with Telegram's own wording.
import { parseTelegramHtml, TELEGRAM_TEXT_LIMIT } from '../support/telegram-html-check.js';

export interface FakeWindow {
  limit: number;
  ms: number;
}

export interface FakeWindows {
  overall: FakeWindow;
  chat: FakeWindow;
  group: FakeWindow;
}

/** Telegram's documented limits: 30 a second overall, 1 a second per chat, 20 a minute per group. */
export const TELEGRAM_LIMITS: FakeWindows = {
  overall: { limit: 30, ms: 1000 },
  chat: { limit: 1, ms: 1000 },
  group: { limit: 20, ms: 60_000 },
};

/** A Telegram-shaped refusal. */
export class ApiRefusal extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }
}

/** Sliding windows over accepted messages, keyed by "*", "c<chat>" and "g<group>". */
export function createWindowCounter(windows: FakeWindows | false, now: () => number) {
  const accepted = new Map<string, number[]>();
  const keys = (chatId: number | string): [string, FakeWindow][] => {
    if (windows === false) return [];
    const list: [string, FakeWindow][] = [
      ['*', windows.overall],
      [`c${chatId}`, windows.chat],
    ];
    if (Number(chatId) < 0 || String(chatId).startsWith('@')) list.push([`g${chatId}`, windows.group]);
    return list;
  };
  return {
    /** throws a 429 when one more message to `chatId` now would break a window */
    check(chatId: number | string): void {
      const at = now();
      for (const [key, window] of keys(chatId)) {
        const times = (accepted.get(key) ?? []).filter((t) => t > at - window.ms);
        accepted.set(key, times);
        if (times.length >= window.limit) {
          const waitMs = times[times.length - window.limit]! + window.ms - at;
          throw new ApiRefusal(
            429,
            `Too Many Requests: retry after ${Math.max(1, Math.ceil(waitMs / 1000))}`,
            {
              retry_after: Math.max(1, Math.ceil(waitMs / 1000)),
            },
          );
        }
      }
    },
    record(chatId: number | string): void {
      const at = now();
      for (const [key] of keys(chatId)) accepted.set(key, [...(accepted.get(key) ?? []), at]);
    },
  };
}

export interface CheckedText {
  text: string;
  entities: { type: string; offset: number; length: number; url?: string }[];
}

/** The text as Telegram stores it, or a 400 as Telegram answers it. */
export function checkText(text: unknown, parseMode: unknown): CheckedText {
  if (typeof text !== 'string' || text.length === 0)
    throw new ApiRefusal(400, 'Bad Request: message text is empty');
  let checked: CheckedText = { text, entities: [] };
  if (parseMode === 'HTML') {
    try {
      checked = parseTelegramHtml(text);
    } catch (error) {
      throw new ApiRefusal(400, `Bad Request: ${(error as Error).message}`);
    }
  } else if (parseMode !== undefined) {
    throw new ApiRefusal(400, `Bad Request: unsupported parse_mode "${String(parseMode)}"`);
  }
  if (checked.text.trim() === '') throw new ApiRefusal(400, 'Bad Request: message text is empty');
  if (checked.text.length > TELEGRAM_TEXT_LIMIT)
    throw new ApiRefusal(400, 'Bad Request: message is too long');
  return checked;
}

/** Telegram's limit for a caption, after entity parsing. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** A document's or photo's caption as Telegram stores it: may be empty, at most 1,024 characters. */
export function checkCaption(caption: unknown, parseMode: unknown): CheckedText {
  if (caption === undefined || caption === '') return { text: '', entities: [] };
  if (typeof caption !== 'string') throw new ApiRefusal(400, 'Bad Request: caption must be a string');
  const checked = checkText(caption, parseMode);
  if (checked.text.length > TELEGRAM_CAPTION_LIMIT) {
    throw new ApiRefusal(400, 'Bad Request: message caption is too long');
  }
  return checked;
}

/** An inline keyboard as Telegram checks it: button text, and callback data of 1–64 bytes. */
export function checkReplyMarkup(markup: unknown): void {
  if (markup === undefined) return;
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows))
    throw new ApiRefusal(400, "Bad Request: can't parse reply keyboard markup JSON object");
  for (const row of rows) {
    if (!Array.isArray(row))
      throw new ApiRefusal(400, 'Bad Request: field "inline_keyboard" must be an Array of Array');
    for (const button of row as { text?: unknown; callback_data?: unknown; url?: unknown }[]) {
      if (typeof button.text !== 'string' || button.text.trim() === '') {
        throw new ApiRefusal(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
      }
      const data = button.callback_data;
      if (data === undefined && button.url === undefined) {
        throw new ApiRefusal(400, 'Bad Request: inline keyboard button must have a callback_data or url');
      }
      if (data !== undefined) {
        const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
        if (bytes < 1 || bytes > 64) throw new ApiRefusal(400, 'Bad Request: BUTTON_DATA_INVALID');
      }
    }
  }
}
