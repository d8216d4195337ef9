// a command's reply, rendered and handed to the sender: buttons on the last message, in the same
// forum topic as the question, message after message until one fails; a file goes as a document,
// with a short answer as its caption.
import type { Reply } from '../../commands/command.js';
import type { ButtonAction } from './reply-buttons.js';
import { replyKeyboard } from './reply-buttons.js';
import type { ButtonStore } from './button-store.js';
import { renderTelegram } from './render-html.js';
import type { ChatId } from './send-pacer.js';
import { telegramLength } from './telegram-length.js';
import type { OutgoingMessage, SendReceipt, TelegramSender } from './telegram-sender.js';

/** Telegram's limit for a document's caption, after entity parsing. */
export const TELEGRAM_CAPTION_MAX = 1024;

export interface ReplyTarget {
  chatId: ChatId;
  /** the forum topic the question came from */
  threadId?: number;
  /** replace this message with the first one (a "More ▸" press pages in place) */
  editMessageId?: number;
}

/** The messages of a reply; choices become buttons instead of a "Try: …" line. */
export function replyMessages(reply: Reply, buttons: ButtonStore<ButtonAction>): OutgoingMessage[] {
  const keyboard = replyKeyboard(reply, buttons);
  const messages: OutgoingMessage[] = renderTelegram(keyboard ? { ...reply, choices: undefined } : reply);
  const last = messages.at(-1);
  if (last !== undefined && keyboard !== undefined) last.reply_markup = keyboard;
  return messages;
}

export async function deliverReply(
  sender: TelegramSender,
  target: ReplyTarget,
  reply: Reply,
  buttons: ButtonStore<ButtonAction>,
): Promise<SendReceipt[]> {
  const receipts: SendReceipt[] = [];
  const messages = replyMessages(reply, buttons);
  const [only] = messages;
  // one short message rides on the document as its caption: the chat gets one message, not two
  const caption =
    reply.file !== undefined &&
    target.editMessageId === undefined &&
    messages.length === 1 &&
    only !== undefined &&
    telegramLength(only.text) <= TELEGRAM_CAPTION_MAX
      ? only
      : undefined;
  for (const [index, message] of (caption === undefined ? messages : []).entries()) {
    const outgoing =
      target.threadId === undefined ? message : { ...message, message_thread_id: target.threadId };
    let receipt =
      index === 0 && target.editMessageId !== undefined
        ? await sender.edit(target.chatId, target.editMessageId, message)
        : await sender.send(target.chatId, outgoing);
    // a message that can no longer be edited (deleted, too old) gets the page as a new message
    if (!receipt.ok && receipt.reason === 'failed' && index === 0 && target.editMessageId !== undefined) {
      receipt = await sender.send(target.chatId, outgoing);
    }
    receipts.push(receipt);
    if (!receipt.ok) return receipts;
  }
  // the mime type is not sent: grammY uploads octet-stream and Telegram goes by the file's name
  if (reply.file !== undefined) {
    receipts.push(
      await sender.sendDocument(target.chatId, {
        name: reply.file.name,
        content: reply.file.content,
        ...(caption === undefined ? {} : { caption }),
        ...(target.threadId === undefined ? {} : { message_thread_id: target.threadId }),
      }),
    );
  }
  return receipts;
}
