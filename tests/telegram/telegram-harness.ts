// the real bot, started against the fake Bot API, over the seed articles; for the telegram tests.
import type { Services } from '../../commands/index.js';
import { createTelegramBot, type TelegramOptions } from '../../adapters/telegram/create-telegram-bot.js';
import type { SendWindows } from '../../adapters/telegram/send-pacer.js';
import type { Logger } from '../../src/index.js';
import { startFakeTelegram, type FakeOptions } from '../fakes/telegram-bot-api.js';
import { openSeedBriefer } from '../support/seed-briefer.js';

/** Telegram's windows, ten times faster per chat and per group, so tests do not wait on them. */
export const FAST_WINDOWS: SendWindows = {
  overall: { limit: 30, ms: 1000 },
  chat: { limit: 1, ms: 100 },
  group: { limit: 20, ms: 6000 },
};

export interface LogLine {
  level: string;
  message: string;
  context: Record<string, unknown> | undefined;
}

export function recordingLogger(lines: LogLine[]): Logger {
  const log = (level: string) => (message: string, context?: Record<string, unknown>) => {
    lines.push({ level, message, context });
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export async function startHarness(
  options: { fake?: FakeOptions; bot?: Partial<TelegramOptions>; services?: Services; start?: boolean } = {},
) {
  const fake = await startFakeTelegram({ windows: FAST_WINDOWS, ...options.fake });
  const services = options.services ?? (await openSeedBriefer());
  const logs: LogLine[] = [];
  const inactive: (number | string)[] = [];
  const migrated: [number | string, number][] = [];
  const telegram = createTelegramBot(
    {
      token: fake.token,
      apiRoot: fake.apiRoot,
      pollingTimeoutSeconds: 1,
      windows: FAST_WINDOWS,
      logger: recordingLogger(logs),
      onInactive: (chatId) => inactive.push(chatId),
      onMigrate: (from, to) => migrated.push([from, to]),
      ...options.bot,
    },
    services,
  );
  if (options.start !== false) await telegram.start();
  return {
    fake,
    telegram,
    services,
    logs,
    inactive,
    migrated,
    async close() {
      await telegram.stop();
      await fake.close();
      await services.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
