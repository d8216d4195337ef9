// channel messages outside an interaction (briefings): through discord.js's REST queue, never retried forever.
import { DiscordAPIError, RateLimitError, Routes, type REST } from 'discord.js';
import type { Reply } from '../../commands/command.js';
import type { BriefingSender, Logger, SendResult } from '../../src/index.js';
import type { ButtonStore } from './button-store.js';
import { messageRequest } from './interaction-responses.js';
import { replyMessages } from './reply-messages.js';

type SendFailure = Extract<SendResult, { ok: false }>;

/** The briefings' sender port for Discord; any reply may be sent, briefings send a text or a digest. */
export interface DiscordSender extends BriefingSender {
  /**
   * `chat` is `discord:<channelId>` (or a bare channel id; `discord:<channel>:<thread>` posts in the
   * thread). 403/404 → inactive (stop sending there); anything else → failed, never retried forever.
   */
  send(chat: string, reply: Reply): Promise<SendResult>;
}

export const DEFAULT_SEND_DEADLINE_MS = 60_000;

const SNOWFLAKE = /^\d{15,21}$/;

/** `discord:123`, `discord:123:456` (a thread: its own id) or `123` → the channel to post in */
export function channelIdOf(chat: string): string | undefined {
  const parts = chat.split(':');
  if (parts[0] === 'discord') parts.shift();
  const id = parts.at(-1) ?? '';
  return parts.length >= 1 && parts.length <= 2 && parts.every((p) => SNOWFLAKE.test(p)) ? id : undefined;
}

export function createDiscordSender(deps: {
  rest: REST;
  buttons: ButtonStore;
  logger: Logger;
  /** how long one message may wait in the queue and through 429s before it counts as failed */
  deadlineMs?: number;
}): DiscordSender {
  const deadlineMs = deps.deadlineMs ?? DEFAULT_SEND_DEADLINE_MS;
  return {
    async send(chat, reply) {
      const messageIds: string[] = [];
      const channelId = channelIdOf(chat);
      if (!channelId) return { ok: false, reason: 'failed', detail: `not a Discord channel: ${chat}` };
      for (const message of replyMessages(reply, deps.buttons)) {
        try {
          const { body, files } = messageRequest(message);
          const sent = (await deps.rest.post(Routes.channelMessages(channelId), {
            body,
            ...(files ? { files } : {}),
            // the queue waits out 429s by itself; the signal bounds how long in all
            signal: AbortSignal.timeout(deadlineMs),
          })) as { id?: string };
          if (typeof sent.id === 'string') messageIds.push(sent.id);
        } catch (error) {
          const result = failure(error, chat, deadlineMs);
          deps.logger.warn('discord message not delivered', {
            chat,
            reason: result.reason,
            detail: result.detail,
            sentBefore: messageIds.length,
          });
          return result;
        }
      }
      return { ok: true, messageIds };
    },
  };
}

function failure(error: unknown, chat: string, deadlineMs: number): SendFailure {
  if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) {
    return {
      ok: false,
      reason: 'inactive',
      detail: `${error.status} ${error.message} (${chat})`,
    };
  }
  if (error instanceof RateLimitError) {
    return {
      ok: false,
      reason: 'failed',
      detail: `rate limited for ${Math.round(error.retryAfter)} ms on ${error.route}; not waiting that long`,
      retryAfterMs: Math.round(error.retryAfter),
    };
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return { ok: false, reason: 'failed', detail: `gave up after ${deadlineMs} ms (${chat})` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, reason: 'failed', detail };
}
