// the telegram adapter, built and not started: a grammY bot whose every api call obeys the sending
// discipline, one sender for replies and briefings, and start/stop for long polling or a webhook.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, HttpError } from 'grammy';
import { commandList, commandText, createCommandRateLimit, type Services } from '../../commands/index.js';
import { ConfigError, primaryTag, type BriefingSender, type Locale, type Logger } from '../../src/index.js';
import { DEFAULT_RETRY, installSendDiscipline, type RetryOptions } from './api-discipline.js';
import { createDocumentDownload } from './attached-document.js';
import { createTelegramBriefingSender } from './briefing-sender.js';
import { createButtonStore } from './button-store.js';
import { createManagerCheck } from './chat-managers.js';
import type { ButtonAction } from './reply-buttons.js';
import { createSendPacer, TELEGRAM_WINDOWS, windowsFromRates, type SendWindows } from './send-pacer.js';
import { handleCallback, handleMessage, type HandlerDeps } from './telegram-handlers.js';
import { createTelegramSender, type SenderHooks, type TelegramSender } from './telegram-sender.js';
import { createWebhookServer } from './webhook-server.js';

export interface TelegramOptions extends SenderHooks {
  /** from BotFather (TELEGRAM_BOT_TOKEN) */
  token: string;
  /** a Bot API server other than https://api.telegram.org (TELEGRAM_API_ROOT) */
  apiRoot?: string;
  /** webhook mode instead of long polling: Telegram POSTs to `url`, served here on `port` */
  webhook?: { url: string; secret: string; port: number; host?: string };
  /** send caps (TELEGRAM_MAX_PER_SECOND, TELEGRAM_CHAT_PER_SECOND, TELEGRAM_GROUP_PER_MINUTE) */
  limits?: { perSecond: number; chatPerSecond: number; groupPerMinute: number };
  /** exact windows instead of `limits`; tests use short ones */
  windows?: SendWindows;
  retry?: Partial<RetryOptions>;
  /** seconds a getUpdates request waits for news; default 30 (tests: 1, so stop() is quick) */
  pollingTimeoutSeconds?: number;
  /** commands per reader; default 20 a minute */
  commandRateLimit?: { limit: number; windowMs: number };
  /** how long a "More ▸" button keeps working; default an hour */
  buttonTtlMs?: number;
  /** how long stop() waits for replies still being sent; default 10 s */
  drainMs?: number;
  logger?: Logger;
}

export interface TelegramBot {
  bot: Bot;
  sender: TelegramSender;
  /** the briefings' port: "telegram:<chat>[:<topic>]" and a text or digest, paced like every reply */
  briefingSender: BriefingSender;
  /** resolves once the bot is polling or its webhook is set and served */
  start(): Promise<void>;
  /** stops taking updates, lets replies in flight finish (up to drainMs), then stops sending */
  stop(): Promise<void>;
  /** the webhook server's port once started (useful with port 0) */
  webhookPort(): number | undefined;
}

const OFFICIAL_ROOT = 'https://api.telegram.org';
const UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

function checkOptions(options: TelegramOptions): { apiRoot: string; webhookPath: string | undefined } {
  if (!/^\d+:[A-Za-z0-9_-]+$/.test(options.token.trim())) {
    throw new ConfigError(
      'Telegram: the bot token (TELEGRAM_BOT_TOKEN) should look like 123456:ABC-DEF…; get one from @BotFather',
    );
  }
  const apiRoot = (options.apiRoot ?? OFFICIAL_ROOT).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(apiRoot)) {
    throw new ConfigError(
      `Telegram: the api root (TELEGRAM_API_ROOT) must be an http(s) URL, not "${apiRoot}"`,
    );
  }
  const webhook = options.webhook;
  if (webhook === undefined) return { apiRoot, webhookPath: undefined };
  let url: URL;
  try {
    url = new URL(webhook.url);
  } catch {
    throw new ConfigError(`Telegram: the webhook URL (TELEGRAM_WEBHOOK_URL) is not a URL: "${webhook.url}"`);
  }
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(webhook.secret)) {
    throw new ConfigError(
      'Telegram: the webhook secret (TELEGRAM_WEBHOOK_SECRET) must be 1–256 characters of A–Z, a–z, 0–9, _ and -',
    );
  }
  return { apiRoot, webhookPath: url.pathname };
}

/** What went wrong reaching Telegram at start, said so the operator knows what to fix. */
function startError(error: unknown, apiRoot: string): Error {
  if (error instanceof ConfigError) return error;
  if (error instanceof GrammyError && error.error_code === 401) {
    return new ConfigError(
      `Telegram refused the bot token (401 Unauthorized) at ${apiRoot}: check TELEGRAM_BOT_TOKEN with @BotFather`,
      { cause: error },
    );
  }
  if (error instanceof GrammyError) {
    const hint = error.error_code === 409 ? ' (is another copy of the bot polling with this token?)' : '';
    return new Error(
      `Telegram refused ${error.method} at ${apiRoot}: ${error.error_code} ${error.description}${hint}`,
      { cause: error },
    );
  }
  if (error instanceof HttpError) {
    return new Error(`Could not reach the Telegram Bot API at ${apiRoot}: ${error.message}`, {
      cause: error,
    });
  }
  return new Error(
    `Telegram: starting the bot failed at ${apiRoot}: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}

export function createTelegramBot(options: TelegramOptions, services: Services): TelegramBot {
  const { apiRoot, webhookPath } = checkOptions(options);
  const logger = options.logger ?? services.logger;
  const pollingTimeout = options.pollingTimeoutSeconds ?? 30;
  // a request that hangs fails after this and is retried, instead of holding its chat for minutes
  const bot = new Bot(options.token.trim(), { client: { apiRoot, timeoutSeconds: pollingTimeout + 30 } });
  const windows = options.windows ?? (options.limits ? windowsFromRates(options.limits) : TELEGRAM_WINDOWS);
  const pacer = createSendPacer(windows);
  installSendDiscipline(bot.api, pacer, { ...DEFAULT_RETRY, ...options.retry });
  const hooks: SenderHooks = {
    ...(options.onInactive ? { onInactive: options.onInactive } : {}),
    ...(options.onMigrate ? { onMigrate: options.onMigrate } : {}),
  };
  const sender = createTelegramSender(bot.api, logger, hooks);
  const tasks = new Set<Promise<unknown>>();
  const deps: HandlerDeps = {
    services,
    sender,
    buttons: createButtonStore<ButtonAction>(
      options.buttonTtlMs === undefined ? {} : { ttlMs: options.buttonTtlMs },
    ),
    rateLimit: createCommandRateLimit({ clock: services.clock, ...options.commandRateLimit }),
    logger,
    hooks,
    managers: createManagerCheck(bot.api, logger),
    download: createDocumentDownload({ api: bot.api, apiRoot, token: bot.token, logger }),
    detach(task) {
      const tracked = task.catch((error: unknown) => logger.error('telegram: a reply failed', { error }));
      tasks.add(tracked);
      void tracked.finally(() => tasks.delete(tracked));
    },
  };

  // nothing a reader sends may stop the bot: errors are logged with the update, never rethrown
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      logger.error('telegram: an update failed', { update: ctx.update.update_id, chat: ctx.chat?.id, error });
    }
  });
  bot.on('message', (ctx) => handleMessage(ctx, deps));
  bot.on('callback_query', (ctx) => handleCallback(ctx, deps));
  // removed from a chat: its subscription and settings go too
  bot.on('my_chat_member', async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status !== 'kicked' && status !== 'left') return;
    hooks.onInactive?.(ctx.chat.id, `bot ${status}`);
    // a reader who blocks the bot in a private chat may unblock it: their briefings pause at the next
    // send (403) and /start resumes them; a group or channel that removed the bot is forgotten
    if (ctx.chat.type === 'private') {
      logger.info('telegram: a reader blocked the bot; their briefings pause', { chat: ctx.chat.id });
      return;
    }
    await services.forgetChat(`telegram:${ctx.chat.id}`);
    logger.info('telegram: removed from a chat; its briefings are deleted', { chat: ctx.chat.id, status });
  });
  bot.catch((error) => logger.error('telegram: an update failed', { error: error.error }));

  let server: Server | undefined;
  let polling: Promise<void> | undefined;
  let state: 'new' | 'starting' | 'running' | 'stopped' = 'new';

  // the menu in English for everyone, and in Dari and Pashto for readers whose Telegram is set to them
  const registerCommands = async () => {
    const menu = (locale: Locale) =>
      commandList().map((command) => ({
        command: command.name,
        description: commandText(command, 'description', locale).slice(0, 256),
      }));
    try {
      await bot.api.setMyCommands(menu('en'));
      for (const locale of ['fa-AF', 'ps'] as const) {
        await bot.api.setMyCommands(menu(locale), { language_code: primaryTag(locale) });
      }
    } catch (error) {
      logger.warn('telegram: could not register the command menu (setMyCommands); commands still work', {
        error,
      });
    }
  };

  const startPolling = () =>
    new Promise<void>((resolve, reject) => {
      let started = false;
      polling = bot
        .start({
          timeout: pollingTimeout,
          allowed_updates: [...UPDATES],
          onStart: () => {
            started = true;
            resolve();
          },
        })
        .catch((error: unknown) => {
          if (!started) return reject(error);
          logger.error('telegram: long polling stopped; no more updates will be received', { error });
        });
    });

  const startWebhook = async (webhook: NonNullable<TelegramOptions['webhook']>, path: string) => {
    const listening = createWebhookServer(bot, { path, secret: webhook.secret, logger });
    server = listening;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(webhook.port, webhook.host ?? '0.0.0.0', () => resolve());
    });
    await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...UPDATES] });
  };

  const closeServer = async () => {
    const open = server;
    server = undefined;
    if (open === undefined) return;
    await new Promise<void>((resolve) => {
      open.close(() => resolve());
      open.closeAllConnections();
    });
  };

  return {
    bot,
    sender,
    briefingSender: createTelegramBriefingSender(sender, deps.buttons),
    async start() {
      if (state !== 'new') throw new Error(`Telegram: start() called on a bot that is ${state}`);
      state = 'starting';
      try {
        bot.botInfo = await bot.api.getMe();
        logger.info('telegram: connected', {
          bot: bot.botInfo.username,
          mode: options.webhook ? 'webhook' : 'polling',
        });
        await registerCommands();
        if (options.webhook && webhookPath !== undefined) await startWebhook(options.webhook, webhookPath);
        else await startPolling();
        state = 'running';
      } catch (error) {
        state = 'stopped';
        await closeServer();
        pacer.close();
        throw startError(error, apiRoot);
      }
    },
    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      if (bot.isRunning())
        await bot.stop().catch((error: unknown) => logger.warn('telegram: stopping long polling', { error }));
      await polling;
      await closeServer();
      const drained = Promise.all([...tasks]).then(() => sender.idle());
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), options.drainMs ?? 10_000);
      });
      if ((await Promise.race([drained, deadline])) === 'late') {
        logger.warn('telegram: stopped with replies still unsent', { waiting: pacer.waiting });
      }
      clearTimeout(timer);
      pacer.close();
    },
    webhookPort() {
      const address = server?.address();
      return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
    },
  };
}
