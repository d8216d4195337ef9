// the sending discipline, installed once on the bot's api so every call obeys it, ctx.reply included:
// innermost our pacer (waits for a slot in every window, and pauses a chat after a 429), around it
// @grammyjs/auto-retry (honours retry_after, backs off on 5xx, bounded), outermost a bounded retry of
// network failures (auto-retry's own is unbounded). a retried message asks the pacer for a new slot.
import { autoRetry } from '@grammyjs/auto-retry';
import { HttpError, type Api, type Transformer } from 'grammy';
import type { ChatId, SendPacer } from './send-pacer.js';

export interface RetryOptions {
  /** retries after a network failure or a 5xx before giving up */
  attempts: number;
  /** first wait after a network failure; doubles each time */
  networkDelayMs: number;
  /** a 429 asking to wait longer than this fails instead of waiting */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, networkDelayMs: 500, maxRetryAfterSeconds: 120 };

// methods that put a message in a chat count against its windows; typing indicators do not
const PACED = /^(send|copyMessage|forwardMessage|editMessage)/;
const UNPACED = new Set(['sendChatAction']);

// grammY types its signal with the abort-controller package; at run time it is the platform's
const asSignal = (signal: unknown) => signal as AbortSignal | undefined;

export const isPacedMethod = (method: string) => PACED.test(method) && !UNPACED.has(method);

function chatOf(payload: unknown): ChatId | undefined {
  const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
  return typeof chatId === 'number' || typeof chatId === 'string' ? chatId : undefined;
}

/** Waits for the pacer before every message-sending call; a 429 pauses that chat for retry_after. */
export function pacingTransformer(pacer: SendPacer): Transformer {
  return async (prev, method, payload, signal) => {
    const chatId = chatOf(payload);
    if (chatId === undefined || !isPacedMethod(method)) return prev(method, payload, signal);
    const release = await pacer.acquire(chatId, asSignal(signal));
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok && result.error_code === 429) {
        pacer.pause(chatId, (result.parameters?.retry_after ?? 1) * 1000);
      }
      return result;
    } finally {
      release();
    }
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('Telegram request was cancelled while waiting to retry'));
      },
      { once: true },
    );
  });

/** Retries a call whose request failed on the network, a bounded number of times with backoff. */
export function networkRetryTransformer(options: RetryOptions): Transformer {
  return async (prev, method, payload, signal) => {
    // getUpdates has grammY's own loop; retrying it here would also fight bot.stop()'s abort
    if (method === 'getUpdates') return prev(method, payload, signal);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted || attempt >= options.attempts) throw error;
        await sleep(options.networkDelayMs * 2 ** attempt, asSignal(signal));
      }
    }
  };
}

/** Installs pacing and retries on an api (the bot's, which every context's api copies). */
export function installSendDiscipline(api: Api, pacer: SendPacer, retry: RetryOptions = DEFAULT_RETRY): void {
  api.config.use(
    pacingTransformer(pacer),
    autoRetry({
      maxRetryAttempts: retry.attempts,
      maxDelaySeconds: retry.maxRetryAfterSeconds,
      rethrowHttpErrors: true,
    }),
    networkRetryTransformer(retry),
  );
}
