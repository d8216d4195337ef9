// the composition root and the `briefer` command line.
import { stdin, stdout } from 'node:process';
import { createConsoleChat, type ConsoleChat } from './console/console-chat.js';
import { digestCommand } from './cli/digest-command.js';
import { parseCommand } from './cli/parse-command.js';
import type { CliIo } from './cli/cli-io.js';
import {
  ConfigError,
  createLogger,
  createPoller,
  loadConfig,
  loadSources,
  openBriefer,
  type Config,
} from '../src/index.js';

const USAGE = `Usage: npm run briefer -- <command>
  (none), start    run what is configured: the bots with tokens, else the terminal chat
  console          a chat in the terminal over the configured sources
  parse <file-or-url>... [--json]
                   the articles a feed gives, one per line
  digest [--source <file-or-url>]... [--sources <sources.json>] [--topic NAME] [--limit N]
         [--tz ZONE] [--format text|telegram|discord]
                   read sources fresh and print one digest`;

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  const io: CliIo = {
    out: (line) => stdout.write(`${line}\n`),
    error: (line) => process.stderr.write(`${line}\n`),
    topicsFile: config.TOPICS_FILE,
  };
  const [command = 'start', ...rest] = argv;
  switch (command) {
    case 'start':
    case 'console':
      return serve(config, { console: command === 'console' || config.offline });
    case 'parse':
      return parseCommand(rest, io);
    case 'digest':
      return digestCommand(rest, io, config);
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      io.error(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

/** Runs the app until the reader quits or the process is told to stop. */
async function serve(config: Config, options: { console: boolean }): Promise<number> {
  const logger = createLogger({
    level: options.console && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.DISCORD_TOKEN],
  });
  const sources = await loadSources(config.SOURCES_FILE);
  const briefer = await openBriefer({
    storeUrl: config.STORE_URL,
    sources,
    topicsFile: config.TOPICS_FILE,
    retentionDays: config.RETENTION_DAYS,
    timeZone: config.DEFAULT_TIMEZONE,
    logger,
  });
  const poller = createPoller({
    intervalMs: config.FETCH_INTERVAL_MINUTES * 60_000,
    refresh: briefer.refresh,
    logger,
  });
  let chat: ConsoleChat | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      logger.info('stopping', { reason });
      const deadline = setTimeout(() => {
        logger.error('could not stop within 10 s; exiting anyway');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS);
      deadline.unref();
      chat?.close();
      await poller.stop();
      await briefer.close();
      clearTimeout(deadline);
    })());
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await poller.start();
  // the chat starts reading only now, so nothing typed during the first fetch is lost
  if (options.console) {
    chat = createConsoleChat({
      services: briefer,
      input: stdin,
      output: stdout,
      timeZone: config.DEFAULT_TIMEZONE,
    });
  }
  if (!chat) {
    logger.error(
      'No platform adapter is available yet for the configured tokens; run without tokens for the terminal chat.',
    );
    await stop('no adapter');
    return 1;
  }
  stdout.write(welcome(briefer.store.size(), sources.length));
  await chat.run();
  await stop('reader quit');
  return 0;
}

const welcome = (articles: number, sources: number) =>
  `briefer — news briefings. ${articles} articles from ${sources} ${sources === 1 ? 'source' : 'sources'}.\n` +
  'Try /latest, /topic afghanistan, /topics, /sources or /help. Ctrl+D or /quit to leave.\n';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
