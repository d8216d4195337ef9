// `briefer start` / `briefer console`: runs the app until the reader quits or the process is told to stop.
import { stdin, stdout } from 'node:process';
import {
  createLogger,
  createPoller,
  createSourceHealthNotices,
  loadSources,
  openBriefer,
  platformOf,
  POLL_TICK_MS,
  type Briefer,
  type BriefingSender,
  type Config,
  type HealthListener,
  type Logger,
} from '../../src/index.js';
import { createConsoleChat, type ConsoleChat } from '../console/console-chat.js';
import { createConsoleSender } from '../console/console-sender.js';
import { fetchOptions } from './fetch-options.js';
import { createPlatformBots } from './platform-bots.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

export async function serveCommand(config: Config, options: { console: boolean }): Promise<number> {
  const logger = createLogger({
    // the terminal chat shares the screen with the log: only warnings there, unless asked for more
    level: options.console && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.DISCORD_TOKEN, config.TELEGRAM_WEBHOOK_SECRET],
  });
  const sources = await loadSources(config.SOURCES_FILE);
  const briefer = await openBriefer({
    storeUrl: config.STORE_URL,
    sources,
    topicsFile: config.TOPICS_FILE,
    retentionDays: config.RETENTION_DAYS,
    timeZone: config.DEFAULT_TIMEZONE,
    logger,
    ...fetchOptions(config),
    briefings: {
      liveBatchMinutes: config.LIVE_BATCH_MINUTES,
      catchUpHours: config.CATCH_UP_HOURS,
      maxItems: config.BRIEFING_MAX_ITEMS,
    },
  });
  // the poller ticks often; each source is fetched when its own next check has come
  const poller = createPoller({ intervalMs: POLL_TICK_MS, refresh: briefer.refreshDue, logger });
  const bots = options.console ? [] : createPlatformBots(config, briefer, logger);
  const senders = Object.fromEntries(bots.map((bot) => [bot.name, bot.sender]));
  let chat: ConsoleChat | undefined;
  // listening before the first poll: a source found failing (or working again) right after a
  // restart is news too; its notice waits until the bots are up
  let botsUp = (_up: boolean) => {};
  const ready = new Promise<void>((resolve, reject) => {
    botsUp = (up) => (up ? resolve() : reject(new Error('the bots did not start')));
  });
  ready.catch(() => {});
  if (bots.length > 0) {
    briefer.onHealthChange(sourceHealthNotices(briefer, senders, logger, ready));
  }

  let stopping: Promise<void> | undefined;
  let markStopped = () => {};
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      logger.info('stopping', { reason });
      const deadline = setTimeout(() => {
        logger.error('could not stop within 10 s; exiting anyway');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS);
      deadline.unref();
      chat?.close();
      // no new commands, then let replies and briefings in flight finish, then close the store
      await Promise.allSettled(bots.map((bot) => bot.stop()));
      // closing the briefer stops fetches in flight, so the poller's last run ends quickly too
      await Promise.all([poller.stop(), briefer.close()]);
      clearTimeout(deadline);
      markStopped();
    })());
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  // a signal during start-up stops what has started; nothing is started after it (a briefing
  // scheduler started after the stop would keep the process alive)
  const stopRequested = async () => {
    if (stopping === undefined) return false;
    await stopped;
    return true;
  };
  await poller.start();
  if (await stopRequested()) return 0;
  if (options.console) {
    // the chat starts reading only now, so nothing typed during the first fetch is lost
    chat = createConsoleChat({
      services: briefer,
      input: stdin,
      output: stdout,
      timeZone: config.DEFAULT_TIMEZONE,
    });
    await briefer.briefings.start({ senders: { console: createConsoleSender({ output: stdout }) } });
    stdout.write(welcome(briefer.store.size(), sources.length));
    await chat.run();
    await stop('reader quit');
    return 0;
  }
  try {
    await Promise.all(bots.map((bot) => bot.start()));
  } catch (error) {
    botsUp(false);
    logger.error('could not start', { error });
    await stop('start failed');
    return 1;
  }
  if (await stopRequested()) return 0;
  botsUp(true);
  await briefer.briefings.start({ senders });
  logStarted(
    logger,
    bots.map((bot) => bot.name),
    sources.length,
  );
  await stopped;
  return 0;
}

/** Chats hear about their own sources failing and recovering, once each, through their platform's
 *  sender; nothing is sent before `ready` resolves. */
export function sourceHealthNotices(
  briefer: Pick<Briefer, 'chatSources' | 'languages'>,
  senders: Record<string, BriefingSender>,
  logger: Logger,
  ready: Promise<void> = Promise.resolve(),
): HealthListener {
  // in the language the chat reads the bot in
  const localeOf = (chat: string) => briefer.languages.get(chat)?.locale ?? 'en';
  return createSourceHealthNotices({
    chatSources: briefer.chatSources,
    send: async (chat, text) => {
      await ready;
      return senders[platformOf(chat)]?.send(chat, { text, locale: localeOf(chat) });
    },
    localeOf,
    logger,
  });
}

function logStarted(logger: Logger, names: string[], sources: number): void {
  logger.info('briefer is running', { bots: names.join(','), sources });
}

const welcome = (articles: number, sources: number) =>
  `briefer — news briefings. ${articles} articles from ${sources} ${sources === 1 ? 'source' : 'sources'}.\n` +
  'Try /latest, /topic afghanistan, /subscribe, /topics, /sources or /help. Ctrl+D or /quit to leave.\n';
