// the briefings' sender port for Telegram: "telegram:<chat>[:<topic>]" and a text or digest in, a
// SendResult out, through the same sender (and so the same pacing) as every reply.
import type { BriefingSender, SendResult } from '../../src/index.js';
import type { ButtonStore } from './button-store.js';
import { deliverReply, type ReplyTarget } from './deliver-reply.js';
import type { ButtonAction } from './reply-buttons.js';
import type { TelegramSender } from './telegram-sender.js';

/** `telegram:-1001234:7` → chat -1001234, forum topic 7; undefined when it is not a Telegram chat. */
export function telegramTarget(target: string): ReplyTarget | undefined {
  const match = /^telegram:(-?\d{1,20})(?::(\d{1,12}))?$/.exec(target.trim());
  if (!match) return undefined;
  return { chatId: Number(match[1]), ...(match[2] === undefined ? {} : { threadId: Number(match[2]) }) };
}

export function createTelegramBriefingSender(
  sender: TelegramSender,
  buttons: ButtonStore<ButtonAction>,
): BriefingSender {
  return {
    async send(target, message): Promise<SendResult> {
      const to = telegramTarget(target);
      if (to === undefined) return { ok: false, reason: 'failed', detail: `not a Telegram chat: ${target}` };
      const receipts = await deliverReply(sender, to, message, buttons);
      const failed = receipts.find((receipt) => !receipt.ok);
      if (failed === undefined || failed.ok) {
        return { ok: true, messageIds: receipts.flatMap((r) => (r.ok ? r.messageIds.map(String) : [])) };
      }
      const retryAfter = /retry after (\d+)/i.exec(failed.detail)?.[1];
      return {
        ok: false,
        reason: failed.reason,
        detail: failed.detail,
        ...(retryAfter === undefined ? {} : { retryAfterMs: Number(retryAfter) * 1000 }),
      };
    },
  };
}
