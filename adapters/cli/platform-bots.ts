// the bots the configuration asks for, built from it (not started).
import type { Services } from '../../commands/index.js';
import type { BriefingSender, Config, Logger } from '../../src/index.js';
import { createDiscordBot, type DiscordBot } from '../discord/create-discord-bot.js';
import type { CommandHashStore } from '../discord/register-commands.js';
import { createTelegramBot, type TelegramBot } from '../telegram/create-telegram-bot.js';

export interface PlatformBot {
  name: 'telegram' | 'discord';
  sender: BriefingSender;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createTelegramFromConfig(config: Config, services: Services, logger: Logger): TelegramBot {
  return createTelegramBot(
    {
      token: config.TELEGRAM_BOT_TOKEN!,
      apiRoot: config.TELEGRAM_API_ROOT,
      ...(config.TELEGRAM_WEBHOOK_URL
        ? {
            webhook: {
              url: config.TELEGRAM_WEBHOOK_URL,
              secret: config.TELEGRAM_WEBHOOK_SECRET!,
              port: config.PORT,
            },
          }
        : {}),
      limits: {
        perSecond: config.TELEGRAM_MAX_PER_SECOND,
        chatPerSecond: config.TELEGRAM_CHAT_PER_SECOND,
        groupPerMinute: config.TELEGRAM_GROUP_PER_MINUTE,
      },
      logger,
      onInactive: (chatId, detail) => {
        logger.warn('telegram chat is inactive; its briefings are paused', { chat: chatId, detail });
      },
      onMigrate: (from, to) => {
        void services.moveChat(`telegram:${from}`, `telegram:${to}`).catch((error: unknown) => {
          logger.error('could not move a migrated chat', { from, to, error });
        });
      },
    },
    services,
  );
}

/** the hash of the registered slash commands, kept in the store so they are registered only when changed */
export function commandHashStore(services: Services): CommandHashStore {
  const state = services.keyv.namespace('discord');
  return {
    get: async () => {
      const value: unknown = await state.get('commands-hash');
      return typeof value === 'string' ? value : undefined;
    },
    set: async (hash) => {
      await state.set('commands-hash', hash);
    },
  };
}

export function createDiscordFromConfig(config: Config, services: Services, logger: Logger): DiscordBot {
  return createDiscordBot(
    {
      token: config.DISCORD_TOKEN!,
      apiRoot: config.DISCORD_API_ROOT,
      ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
      registry: commandHashStore(services),
      logger,
    },
    services,
  );
}

/** every bot with a token, ready to start */
export function createPlatformBots(config: Config, services: Services, logger: Logger): PlatformBot[] {
  const bots: PlatformBot[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    const telegram = createTelegramFromConfig(config, services, logger);
    bots.push({
      name: 'telegram',
      sender: telegram.briefingSender,
      start: telegram.start,
      stop: telegram.stop,
    });
  }
  if (config.DISCORD_TOKEN) {
    const discord = createDiscordFromConfig(config, services, logger);
    bots.push({ name: 'discord', sender: discord.sender, start: discord.start, stop: discord.stop });
  }
  return bots;
}
