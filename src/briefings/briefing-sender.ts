import type { Digest } from '../digest/digest.js';
import type { Locale } from '../i18n/locale.js';

/**
 * One message of a briefing. A subset of the commands' Reply, so a platform's reply renderer can
 * send it as it is: a digest, or a short text.
 */
export interface BriefingMessage {
  text?: string;
  digest?: Digest;
  /** the language of a text (a digest carries its own); English when absent */
  locale?: Locale;
}

export type SendResult =
  | { ok: true; messageIds: string[] }
  | {
      ok: false;
      /** inactive: the chat is gone or blocked the bot (403, kicked, deleted): stop sending there.
       *  failed: worth trying again (429, 5xx, network); `retryAfterMs` when the platform said when */
      reason: 'inactive' | 'failed';
      detail: string;
      retryAfterMs?: number;
    };

/**
 * The port each platform adapter implements. `target` is "platform:chatId[:threadId]"; the sender
 * keeps its platform's pacing limits and may split one message into several (hence messageIds).
 */
export interface BriefingSender {
  send(target: string, message: BriefingMessage): Promise<SendResult>;
}
