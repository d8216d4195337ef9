import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot } from '../../adapters/discord/create-discord-bot.js';
import { commandList } from '../../commands/index.js';
import type { Briefer } from '../../src/index.js';
import { memoryHashStore, startBotOnFake, type BotOnFake } from '../fakes/discord/bot-harness.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import { openSeedBriefer } from '../support/seed-briefer.js';

let services: Briefer;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  services = await openSeedBriefer();
});
afterAll(() => services.close());
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close();
});

async function started(options: Parameters<typeof startBotOnFake>[1] = {}): Promise<BotOnFake> {
  const harness = await startBotOnFake(services, options);
  open.push(harness);
  return harness;
}

describe('Discord bot: logging in', () => {
  it('logs in to the fake with the Guilds intent only, becomes ready and has its heartbeats acknowledged', async () => {
    const { fake, bot } = await started({ fake: { heartbeatIntervalMs: 100 } });
    expect(bot.client.isReady()).toBe(true);
    expect(bot.client.application?.id).toBe(fake.applicationId);
    expect(bot.client.guilds.cache.has(fake.guild.id)).toBe(true);
    expect(fake.gateway.identifies).toBe(1);
    const gatewayRequest = fake.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayRequest?.headers.authorization).toBe(`Bot ${fake.token}`);
    await expect.poll(() => fake.gateway.heartbeats, { timeout: 2_000 }).toBeGreaterThan(0);
    expect(bot.client.options.intents.toArray()).toEqual(['Guilds']);
  });
});

describe('Discord bot: refusing a wrong token', () => {
  it('fails to start with a clear message when Discord answers 401 to the token', async () => {
    const fake = await startFakeDiscord({ token: 'the-right-token' });
    open.push(fake);
    const bot = createDiscordBot(
      { token: 'a-wrong-token', apiRoot: fake.apiRoot, registry: memoryHashStore() },
      services,
    );
    await expect(bot.start()).rejects.toThrow(/^Discord refused the token \(401\): check DISCORD_TOKEN/);
    expect(fake.requests.find((r) => r.path === '/gateway/bot')?.status).toBe(401);
    expect(fake.gateway.connections).toBe(0);
    expect(bot.client.isReady()).toBe(false);
  });

  it('fails to start with a clear message when the gateway closes with 4004 after IDENTIFY', async () => {
    const fake = await startFakeDiscord({ token: 'rest-token', gatewayToken: 'another-token' });
    open.push(fake);
    const bot = createDiscordBot(
      { token: 'rest-token', apiRoot: fake.apiRoot, registry: memoryHashStore() },
      services,
    );
    await expect(bot.start()).rejects.toThrow(/^Discord refused the token \(gateway close 4004\)/);
    expect(fake.gateway.closes).toEqual([4004]);
  });

  it('keeps waiting for a gateway that does not become ready, saying so, until stopped', async () => {
    const fake = await startFakeDiscord({ holdReady: true });
    open.push(fake);
    const warnings: string[] = [];
    const logger = { ...services.logger, warn: (message: string) => void warnings.push(message) };
    const bot = createDiscordBot(
      {
        token: fake.token,
        apiRoot: fake.apiRoot,
        registry: memoryHashStore(),
        readyWarnMs: 50,
        stopTimeoutMs: 500,
        logger,
      },
      services,
    );
    const starting = bot.start();
    await expect.poll(() => warnings.filter((w) => w.startsWith('still waiting')).length).toBeGreaterThan(1);
    expect(fake.gateway.identifies).toBe(1);
    const refused = expect(starting).rejects.toThrow(
      `Stopped before the Discord gateway under ${fake.apiRoot} was ready`,
    );
    const stopped = performance.now();
    await bot.stop();
    await refused;
    expect(performance.now() - stopped).toBeLessThan(2_000);
  });

  it('accepts a token pasted with its "Bot " prefix', async () => {
    const fake = await startFakeDiscord();
    open.push(fake);
    const bot = createDiscordBot(
      { token: `Bot ${fake.token}`, apiRoot: fake.apiRoot, registry: memoryHashStore() },
      services,
    );
    expect(await bot.registerCommands()).toBe('registered');
    await bot.start();
    expect(bot.client.isReady()).toBe(true);
    await bot.stop();
  });

  it('says where it tried when nothing answers at the API root', async () => {
    const fake = await startFakeDiscord();
    const apiRoot = fake.apiRoot;
    await fake.close();
    const bot = createDiscordBot({ token: 'x', apiRoot, registry: memoryHashStore() }, services);
    await expect(bot.start()).rejects.toThrow(`Could not log in to Discord at ${apiRoot}`);
  });
});

describe('Discord bot: registering the slash commands', () => {
  const puts = (fake: FakeDiscord) => fake.requests.filter((r) => r.method === 'PUT');

  it('registers the commands globally at start, and not again when they have not changed', async () => {
    const first = await started();
    const [put] = puts(first.fake);
    expect(put?.path).toBe(`/applications/${first.fake.applicationId}/commands`);
    const names = (put?.body as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(commandList().map((c) => c.name));
    expect(names).toEqual(expect.arrayContaining(['latest', 'topic', 'topics', 'sources', 'help']));
    expect(first.registry.writes).toBe(1);
    expect(first.fake.problems).toEqual([]);

    // the same commands again: nothing to do
    expect(await first.bot.registerCommands()).toBe('unchanged');
    expect(puts(first.fake)).toHaveLength(1);
    // forced: registered again
    expect(await first.bot.registerCommands(true)).toBe('registered');
    expect(puts(first.fake)).toHaveLength(2);
  });

  it('does not register again after a restart when the stored hash matches', async () => {
    const fake = await startFakeDiscord();
    open.push(fake);
    const registry = memoryHashStore();
    for (let run = 0; run < 2; run += 1) {
      const bot = createDiscordBot({ token: fake.token, apiRoot: fake.apiRoot, registry }, services);
      await bot.start();
      await bot.stop();
    }
    expect(fake.gateway.identifies).toBe(2);
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    // a stale hash (the commands changed since) registers again
    registry.value = 'an-older-hash';
    const bot = createDiscordBot({ token: fake.token, apiRoot: fake.apiRoot, registry }, services);
    expect(await bot.registerCommands()).toBe('registered');
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });

  it('registers to one server with DISCORD_GUILD_ID, without logging in to the gateway', async () => {
    const fake = await startFakeDiscord();
    open.push(fake);
    const registry = memoryHashStore();
    const bot = createDiscordBot(
      { token: fake.token, apiRoot: fake.apiRoot, guildId: fake.guild.id, registry },
      services,
    );
    expect(await bot.registerCommands()).toBe('registered');
    expect(fake.gateway.connections).toBe(0);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /applications/@me',
      `PUT /applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`,
    ]);
    expect(fake.commands.guilds.get(fake.guild.id)).toHaveLength(commandList().length);
    expect(await bot.registerCommands()).toBe('unchanged');
  });

  it('explains a refusal to register in a server the bot was not invited to, and still starts', async () => {
    const fake = await startFakeDiscord();
    open.push(fake);
    const lines: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn() {},
      error: (m: string, c?: object) =>
        lines.push(`${m} ${String((c as { error?: Error })?.error?.message)}`),
    };
    const bot = createDiscordBot(
      {
        token: fake.token,
        apiRoot: fake.apiRoot,
        guildId: '1111111111111111111',
        registry: memoryHashStore(),
        logger,
      },
      services,
    );
    await expect(bot.registerCommands()).rejects.toThrow(
      /invite the bot to that server with the "bot" and "applications.commands" scopes/,
    );
    await bot.start();
    expect(bot.client.isReady()).toBe(true);
    expect(lines.join('\n')).toMatch(/could not register the discord slash commands.*403/);
    await bot.stop();
  });

  it('registerCommands on its own says so clearly when the token is refused', async () => {
    const fake = await startFakeDiscord();
    open.push(fake);
    const bot = createDiscordBot(
      { token: 'wrong', apiRoot: fake.apiRoot, registry: memoryHashStore() },
      services,
    );
    await expect(bot.registerCommands()).rejects.toThrow(/^Discord refused the token \(401\)/);
  });
});
