// the answer path run at start, so the first burst of commands after a start does not also pay for
// compiling it: commands on the store's own articles, rendered, encoded and posted through the same
// REST client code and HTTP stack to a server inside this process (127.0.0.1), answered at once or, as
// in a burst, deferred and then edited. Nothing reaches Discord.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import type { Services } from '../../commands/index.js';
import { createAnswerQueue, DEFAULT_DEFER_WHEN_WAITING } from './answer-queue.js';
import { createButtonStore } from './button-store.js';
import { handleInteraction } from './handle-interaction.js';
import { respondTo } from './interaction-responses.js';
import { createInteractionRest } from './interaction-rest.js';
import type { RawInteraction } from './raw-interaction.js';

export interface WarmUpOptions {
  /** how many interactions in all (default 200, about one burst) */
  interactions?: number;
  /** how many are answered at once, as in a burst (default 50) */
  atOnce?: number;
  /** stops early after this long (default 2 s): a slow machine should not wait long for its first answer */
  budgetMs?: number;
  /** as the bot's: answers waiting their turn that make the next one deferred (default 32; Infinity: never) */
  deferWhenWaiting?: number;
}

export interface WarmUpReport {
  /** interactions answered */
  interactions: number;
  /** requests the stand-in received: a callback for each, and any edits and follow-ups */
  requests: number;
  /** edits of a deferred response among them */
  edits: number;
  ms: number;
}

export const DEFAULT_WARM_UP_INTERACTIONS = 200;

/** answers like Discord's interaction routes: 204 to a callback, a message to a webhook request */
function startStandIn(): Promise<Server & { requests: number; edits: number }> {
  const server = Object.assign(createServer(), { requests: 0, edits: 0 });
  server.on('request', (request, response) => {
    server.requests += 1;
    if (request.method === 'PATCH') server.edits += 1;
    request.resume();
    request.on('end', () => {
      if (request.url?.endsWith('/callback')) {
        response.writeHead(204).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"0"}');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** what a reader would ask first: the latest news, a short page of it, and the newest article's topic */
function warmUpInteractions(services: Services): RawInteraction['data'][] {
  const topic = services.store.latest({ limit: 1 })[0]?.topics[0] ?? services.topics.topics[0]?.id;
  const typed = (name: string, value: string | number) => ({
    name,
    type: typeof value === 'number' ? 4 : 3,
    value,
  });
  return [
    { name: 'latest', type: 1, options: [] },
    ...(topic ? [{ name: 'topic', type: 1, options: [typed('name', topic)] }] : []),
    { name: 'latest', type: 1, options: [typed('count', 2)] },
  ];
}

export async function warmUp(services: Services, options: WarmUpOptions = {}): Promise<WarmUpReport> {
  const total = options.interactions ?? DEFAULT_WARM_UP_INTERACTIONS;
  const atOnce = Math.max(1, options.atOnce ?? 50);
  const budgetMs = options.budgetMs ?? 2_000;
  const started = performance.now();
  if (total <= 0) return { interactions: 0, requests: 0, edits: 0, ms: 0 };
  const server = await startStandIn();
  const agent = new Agent({ connections: atOnce });
  const rest = createInteractionRest({
    agent,
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    maxRateLimitWaitMs: 0,
  });
  const kinds = warmUpInteractions(services);
  // its own buttons and no rate limit: nothing of the bot's state is touched
  const deps = {
    services,
    buttons: createButtonStore({ clock: services.clock, max: atOnce * 4 }),
    rateLimit: { check: () => 'allow' as const },
    deferAfterMs: 60_000,
    respond: (interaction: RawInteraction) => respondTo(rest, interaction),
    queue: createAnswerQueue(options.deferWhenWaiting ?? DEFAULT_DEFER_WHEN_WAITING),
  };
  let done = 0;
  try {
    while (done < total && performance.now() - started < budgetMs) {
      const batch = Array.from({ length: Math.min(atOnce, total - done) }, (_, i): RawInteraction => {
        const n = done + i;
        return {
          id: String(n),
          token: `warm-up-${n}`,
          application_id: '0',
          type: 2,
          data: kinds[n % kinds.length],
          channel_id: '0',
          guild_id: '0',
          member: { user: { id: '0' }, permissions: '0' },
        };
      });
      await Promise.all(batch.map((interaction) => handleInteraction(interaction, deps)));
      done += batch.length;
    }
  } finally {
    await agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return {
    interactions: done,
    requests: server.requests,
    edits: server.edits,
    ms: performance.now() - started,
  };
}
