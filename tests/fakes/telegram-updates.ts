// how the fake hands updates to the bot: real long polling (offset confirms, limit, timeout holds the
// request until an update arrives) or, once a webhook is set, a POST with the secret header.
import type { ServerResponse } from 'node:http';
import type { Update } from 'grammy/types';
import { ApiRefusal } from './telegram-rules.js';
import { answer, refuse, type Params } from './telegram-wire.js';

interface HeldPoll {
  res: ServerResponse;
  limit: number;
  timer: NodeJS.Timeout;
}

export function createUpdateFeed(changed: () => void) {
  const pending: Update[] = [];
  let held: HeldPoll | undefined;
  let webhook: { url: string; secret: string | undefined } | undefined;
  let webhookChain = Promise.resolve();
  let nextUpdateId = 1;
  const webhookResponses: number[] = [];

  const release = (poll: HeldPoll) => {
    if (held === poll) held = undefined;
    clearTimeout(poll.timer);
  };

  const flush = () => {
    const poll = held;
    if (poll === undefined || pending.length === 0) return;
    release(poll);
    answer(poll.res, 200, { ok: true, result: pending.slice(0, poll.limit) });
  };

  const post = async (hook: { url: string; secret: string | undefined }, update: Update) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (hook.secret) headers['x-telegram-bot-api-secret-token'] = hook.secret;
    const response = await fetch(hook.url, { method: 'POST', headers, body: JSON.stringify(update) }).catch(
      () => undefined,
    );
    await response?.text();
    webhookResponses.push(response?.status ?? 0);
    changed();
  };

  return {
    webhookResponses,
    get pending() {
      return pending.length;
    },
    get webhook() {
      return webhook;
    },
    setWebhook(url: string, secret: string | undefined) {
      webhook = { url, secret };
    },
    deleteWebhook(dropPending: boolean) {
      webhook = undefined;
      if (dropPending) pending.length = 0;
    },
    push(update: Omit<Update, 'update_id'>): number {
      const full = { ...update, update_id: nextUpdateId++ } as Update;
      const hook = webhook;
      if (hook === undefined) {
        pending.push(full);
        setImmediate(flush); // updates pushed together leave together
      } else {
        webhookChain = webhookChain.then(() => post(hook, full));
      }
      return full.update_id;
    },
    /** getUpdates: answers now, or holds the request for up to `timeout` seconds; undefined when held */
    poll(params: Params, res: ServerResponse): Update[] | undefined {
      if (webhook) {
        throw new ApiRefusal(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      }
      const offset = typeof params.offset === 'number' ? params.offset : 0;
      if (offset > 0) while (pending.length && pending[0]!.update_id < offset) pending.shift();
      if (offset < 0) pending.splice(0, Math.max(0, pending.length + offset));
      const limit = Math.min(100, Math.max(1, typeof params.limit === 'number' ? params.limit : 100));
      const timeout = typeof params.timeout === 'number' ? params.timeout : 0;
      if (held) {
        const old = held;
        release(old);
        refuse(
          old.res,
          new ApiRefusal(
            409,
            'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
          ),
        );
      }
      if (pending.length > 0 || timeout <= 0) return pending.slice(0, limit);
      const poll: HeldPoll = {
        res,
        limit,
        timer: setTimeout(() => {
          release(poll);
          answer(res, 200, { ok: true, result: [] });
        }, timeout * 1000),
      };
      held = poll;
      res.on('close', () => release(poll));
      return undefined;
    },
    async close() {
      if (held) release(held);
      await webhookChain;
    },
  };
}
