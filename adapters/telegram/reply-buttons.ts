// inline buttons for a reply: the reader's choices (closest topics, …) and "More ▸" for the next page.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { NextPage, Reply } from '../../commands/command.js';
import { t, truncateAtWord } from '../../src/index.js';
import type { ButtonStore } from './button-store.js';

/** What a pressed button asks for. */
export type ButtonAction = { kind: 'page'; next: NextPage } | { kind: 'command'; line: string };

export const MORE_LABEL = t('en', 'reply.more');
const CALLBACK_DATA_BYTES = 64;
const LABEL_MAX = 40;

// callback data: "c:/topic iran" carries a short command itself, so it never expires;
// "k:<key>" points into the store (next pages, and commands too long to carry)
export function buttonData(action: ButtonAction, store: ButtonStore<ButtonAction>): string {
  if (action.kind === 'command') {
    const inline = `c:${action.line}`;
    if (Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_BYTES) return inline;
  }
  return `k:${store.put(action)}`;
}

/** The action a button's data stands for, or undefined when it is unknown or has expired. */
export function readButton(
  data: string | undefined,
  store: ButtonStore<ButtonAction>,
): ButtonAction | undefined {
  if (data === undefined) return undefined;
  if (data.startsWith('c:') && data.length > 3) return { kind: 'command', line: data.slice(2) };
  if (data.startsWith('k:')) return store.take(data.slice(2));
  return undefined;
}

/** The inline keyboard for a reply: one button per choice, then "More ▸"; undefined when it has none. */
export function replyKeyboard(
  reply: Reply,
  store: ButtonStore<ButtonAction>,
): InlineKeyboardMarkup | undefined {
  const rows: InlineKeyboardButton[][] = (reply.choices ?? []).map((choice) => {
    const line = choice.command.startsWith('/') ? choice.command : `/${choice.command}`;
    const label = truncateAtWord(choice.label.trim() || line, LABEL_MAX);
    return [{ text: label, callback_data: buttonData({ kind: 'command', line }, store) }];
  });
  if (reply.next !== undefined) {
    const label = t(reply.locale ?? 'en', 'reply.more');
    rows.push([{ text: label, callback_data: buttonData({ kind: 'page', next: reply.next }, store) }]);
  }
  return rows.length === 0 ? undefined : { inline_keyboard: rows };
}
