import { createServer, type Server as HttpServer } from 'node:http';
import {
  connect,
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRateLimit } from '../../commands/index.js';
import { createDiscordBot } from '../../adapters/discord/create-discord-bot.js';
import { createRestAgent } from '../../adapters/discord/rest-agent.js';
import type { Briefer } from '../../src/index.js';
import { memoryHashStore } from '../fakes/discord/bot-harness.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import { openSeedBriefer } from '../support/seed-briefer.js';

/** A TCP relay in front of the fake's REST API that counts the connections made through it. */
async function countingRelay(port: number) {
  const sockets = new Set<Socket>();
  let opened = 0;
  const server: Server = createTcpServer((client) => {
    opened += 1;
    sockets.add(client);
    const upstream = connect(port, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const end = () => {
      sockets.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    opened: () => opened,
    open: () => sockets.size,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let services: Briefer;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  services = await openSeedBriefer();
});
afterAll(async () => {
  await services.close();
});
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

describe('Discord bot: REST connections', () => {
  it('answers a burst over a few kept-alive connections, and closes them on stop()', async () => {
    const fake: FakeDiscord = await startFakeDiscord();
    open.push(fake);
    const relay = await countingRelay(Number(new URL(fake.apiRoot).port));
    open.push(relay);
    const bot = createDiscordBot(
      {
        token: fake.token,
        apiRoot: `http://127.0.0.1:${relay.port}/api`,
        registry: memoryHashStore(),
        restConnections: 3,
        rateLimit: createCommandRateLimit({ clock: services.clock, limit: 10_000 }),
      },
      services,
    );
    await bot.start();
    const burst = Array.from({ length: 24 }, (_, i) =>
      fake.command('latest', { count: 2 }, { userId: String(1_200_000_000_000_000_000n + BigInt(i)) }),
    );
    await Promise.all(burst.map((interaction) => fake.waitForCallback(interaction)));
    await bot.idle();
    expect(fake.problems).toEqual([]);
    // log-in, registration and 24 answers: never more than three connections at once, most reused
    expect(relay.opened()).toBeGreaterThan(0);
    expect(relay.opened()).toBeLessThanOrEqual(3);
    await bot.stop();
    await expect.poll(() => relay.open()).toBe(0);
  });

  it('refuses a connection limit that is not a whole number of at least one', () => {
    expect(() => createRestAgent(0)).toThrow(/REST connections.*got 0/);
    expect(() => createRestAgent(2.5)).toThrow(RangeError);
    expect(() =>
      createDiscordBot({ token: 't', registry: memoryHashStore(), restConnections: -1 }, services),
    ).toThrow(/got -1/);
  });

  it('closing drops a request that is still waiting after the grace period', async () => {
    // a server that never answers
    const server: HttpServer = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });
    const rest = createRestAgent(1);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pending = rest.agent.request({ origin, path: '/', method: 'GET' });
    const settled = pending.then(
      () => 'answered',
      () => 'dropped',
    );
    const started = performance.now();
    await rest.close(50);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await settled).toBe('dropped');
    expect(rest.agent.closed).toBe(true);
    // closing again is harmless
    await rest.close(50);
  });

  it('closes at once when nothing is in flight', async () => {
    const rest = createRestAgent();
    const started = performance.now();
    await rest.close(5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(rest.agent.closed).toBe(true);
  });
});
