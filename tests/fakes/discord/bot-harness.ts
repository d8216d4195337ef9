// the real Discord bot logged in to the fake Discord, for tests and the bench.
import type { Services } from '../../../commands/index.js';
import {
  createDiscordBot,
  type DiscordBot,
  type DiscordOptions,
} from '../../../adapters/discord/create-discord-bot.js';
import type { CommandHashStore } from '../../../adapters/discord/register-commands.js';
import {
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
  type FakeInteraction,
  type FakeMessage,
} from '../discord-server.js';
import type { Conversation } from './state.js';

/** The hash store as a variable, with a count of writes. */
export function memoryHashStore(initial?: string): CommandHashStore & { value?: string; writes: number } {
  const store = {
    value: initial,
    writes: 0,
    get: async () => store.value,
    set: async (hash: string) => {
      store.value = hash;
      store.writes += 1;
    },
  };
  return store;
}

export interface BotOnFake {
  fake: FakeDiscord;
  bot: DiscordBot;
  registry: ReturnType<typeof memoryHashStore>;
  /** waits for the interaction's first callback and for the bot to finish answering it */
  answer(interaction: FakeInteraction): Promise<{ conversation: Conversation; messages: FakeMessage[] }>;
  close(): Promise<void>;
}

export async function startBotOnFake(
  services: Services,
  options: { fake?: FakeDiscordOptions; bot?: Partial<DiscordOptions>; start?: boolean } = {},
): Promise<BotOnFake> {
  const fake = await startFakeDiscord(options.fake);
  const registry = memoryHashStore();
  const bot = createDiscordBot(
    // a short warm-up keeps the tests quick; the bench runs the default one
    {
      token: fake.token,
      apiRoot: fake.apiRoot,
      registry,
      // files readers attach come from the fake, as they would from Discord's CDN
      attachments: { origins: [fake.cdnOrigin] },
      warmUp: { interactions: 6 },
      ...options.bot,
    },
    services,
  );
  try {
    if (options.start !== false) await bot.start();
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    bot,
    registry,
    async answer(interaction) {
      await fake.waitForCallback(interaction);
      await bot.idle();
      return { conversation: fake.conversation(interaction), messages: fake.messagesOf(interaction) };
    },
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}
