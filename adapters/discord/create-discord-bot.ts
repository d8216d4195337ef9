// the Discord bot: a discord.js client (Guilds intent only) answering the slash commands. Built, not started.
import { once } from 'node:events';
import { Client, DiscordjsErrorCodes, Events, GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import { createCommandRateLimit, type CommandRateLimit, type Services } from '../../commands/index.js';
import { warmTimeFormats } from '../../src/digest/format-time.js';
import type { Logger } from '../../src/index.js';
import { createAnswerQueue, DEFAULT_DEFER_WHEN_WAITING } from './answer-queue.js';
import { createAttachmentReader, type AttachmentPolicy } from './attachments.js';
import { createButtonStore } from './button-store.js';
import { createDiscordSender, type DiscordSender } from './discord-sender.js';
import { guardGatewayEvents } from './guard-gateway-events.js';
import { handleInteraction, type InteractionDeps } from './handle-interaction.js';
import { respondTo } from './interaction-responses.js';
import { createInteractionRest } from './interaction-rest.js';
import { readInteraction } from './raw-interaction.js';
import { registerSlashCommands, tokenRefused, type CommandHashStore } from './register-commands.js';
import { createRestAgent } from './rest-agent.js';
import { warmUp, type WarmUpOptions } from './warm-up.js';

export const DEFAULT_API_ROOT = 'https://discord.com/api';

export interface DiscordOptions {
  token: string;
  /** REST root; the gateway URL is read from GET /gateway/bot under it (default https://discord.com/api) */
  apiRoot?: string | undefined;
  /** register the commands to this server only (instant; for development) */
  guildId?: string | undefined;
  /** where the hash of the registered commands is kept so they are re-registered only when changed */
  registry: CommandHashStore;
  /** defer a valid command's answer when it is not ready after this long (default 1,000 ms; 0 always) */
  deferAfterMs?: number;
  /**
   * answers are worked out one per turn of the event loop, in order; a valid command that finds this
   * many waiting their turn (a burst) is deferred at once and edited when its turn comes (default 32;
   * false: never)
   */
  deferWhenWaiting?: number | false;
  /** how long "More" and choice buttons keep working (default 30 minutes) */
  buttonTtlMs?: number;
  /** default: 20 commands per user per minute */
  rateLimit?: CommandRateLimit;
  /** a 429 asking to wait longer than this fails the request instead (default 60 s) */
  maxRateLimitWaitMs?: number;
  /** how long a channel message may take through the queue before the sender gives up (default 60 s) */
  sendDeadlineMs?: number;
  /** while start() waits for the gateway to be ready, it logs a warning this often (default 30 s) */
  readyWarnMs?: number;
  /** how long stop() waits for answers in progress, and then for the disconnect (default 5 s each) */
  stopTimeoutMs?: number;
  /** HTTP connections to the REST API at most, kept alive between requests (default 32) */
  restConnections?: number;
  /** files attached to commands: where they may come from (default Discord's CDN), how large, how slow */
  attachments?: Partial<AttachmentPolicy>;
  /** the answer path run once at start so the first commands are answered at full speed; false: not */
  warmUp?: WarmUpOptions | false;
  /** default: services.logger */
  logger?: Logger;
}

export interface DiscordBot {
  client: Client;
  sender: DiscordSender;
  /**
   * logs in, waits until ready (as long as it takes: discord.js keeps reconnecting), registers the
   * commands if they changed. Fails at once for a refused token or an API root that does not answer.
   */
  start(): Promise<void>;
  /**
   * waits briefly for answers in progress, then disconnects and closes its REST connections; a start()
   * still waiting fails
   */
  stop(): Promise<void>;
  /** registers the commands now when they changed, or always with `force`; works without start() */
  registerCommands(force?: boolean): Promise<'registered' | 'unchanged'>;
  /** resolves when no interaction is being answered */
  idle(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function createDiscordBot(options: DiscordOptions, services: Services): DiscordBot {
  const logger = options.logger ?? services.logger;
  const apiRoot = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
  const maxWait = options.maxRateLimitWaitMs ?? 60_000;
  const rest = createRestAgent(options.restConnections);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: {
      api: apiRoot,
      agent: rest.agent,
      rejectOnRateLimit: (limit) => limit.retryAfter > maxWait,
    },
  });
  // as discord.js's login() does: a pasted "Bot …" prefix is not part of the token
  const token = options.token.trim().replace(/^(Bot|Bearer)\s+/i, '');
  client.rest.setToken(token);
  if (!guardGatewayEvents(client, logger, [GatewayDispatchEvents.InteractionCreate])) {
    logger.warn(
      'this discord.js version has no packet handler to guard; a malformed event may end the process',
    );
  }
  const buttons = createButtonStore({
    clock: services.clock,
    ...(options.buttonTtlMs !== undefined ? { ttlMs: options.buttonTtlMs } : {}),
  });
  const rateLimit = options.rateLimit ?? createCommandRateLimit({ clock: services.clock });
  const deferWhenWaiting =
    options.deferWhenWaiting === false ? Infinity : (options.deferWhenWaiting ?? DEFAULT_DEFER_WHEN_WAITING);
  // answers go over the same connections, without discord.js's queue (see interaction-rest.ts)
  const interactionRest = createInteractionRest({
    agent: rest.agent,
    apiRoot,
    maxRateLimitWaitMs: maxWait,
    onRateLimited: (limit) => logger.debug('discord rate limit', { ...limit }),
  });
  const deps: InteractionDeps = {
    services,
    buttons,
    rateLimit,
    deferAfterMs: options.deferAfterMs ?? 1_000,
    respond: (interaction) => respondTo(interactionRest, interaction),
    readAttachment: createAttachmentReader(options.attachments),
    queue: createAnswerQueue(deferWhenWaiting),
  };
  const inFlight = new Set<Promise<void>>();

  // interactions are answered from the raw dispatch: building discord.js's Interaction, User, Member and
  // channel objects for each was a good part of the cost of an answer (see guardGatewayEvents)
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (payload: unknown) => {
    const interaction = readInteraction(payload);
    if (typeof interaction === 'string') {
      logger.warn('skipped an interaction that cannot be answered', { problem: interaction });
      return;
    }
    const work = handleInteraction(interaction, deps).catch((error: unknown) => {
      logger.warn('could not answer a discord interaction', {
        interaction: interaction.id,
        command: interaction.data?.name,
        error,
      });
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  // removed from a server, or a channel deleted: its subscriptions and settings go too
  const forget = (channelIds: Iterable<string>, why: string) => {
    for (const id of channelIds) {
      services
        .forgetChat(`discord:${id}`)
        .then(() => logger.info(`discord: ${why}; its briefings are deleted`, { channel: id }))
        .catch((error: unknown) =>
          logger.error('discord: could not delete briefings', { channel: id, error }),
        );
    }
  };
  // removed from a server (an outage says "unavailable" instead): discord.js drops the server's channels
  // before it emits GuildDelete, so they are read from the raw dispatch, which comes first
  client.ws.on(GatewayDispatchEvents.GuildDelete, (data: { id?: string; unavailable?: boolean }) => {
    if (data.unavailable || typeof data.id !== 'string') return;
    const guild = client.guilds.cache.get(data.id);
    if (guild) forget([...guild.channels.cache.keys()], 'removed from a server');
  });
  client.on(Events.ChannelDelete, (channel) => forget([channel.id], 'channel deleted'));
  client.on(Events.Error, (error) => logger.error('discord client error', { error }));
  client.on(Events.ShardError, (error) => logger.warn('discord gateway error', { error }));
  client.on(Events.Warn, (message) => logger.warn('discord warning', { message }));
  client.rest.on('rateLimited', (limit) =>
    logger.debug('discord rate limit', { route: limit.route, retryAfterMs: limit.retryAfter }),
  );

  const registerCommands = (force = false) =>
    registerSlashCommands({
      rest: client.rest,
      registry: options.registry,
      applicationId: client.application?.id,
      guildId: options.guildId,
      force,
    });

  const stopping = new AbortController();
  const stopTimeout = options.stopTimeoutMs ?? 5_000;
  // @discordjs/ws 1.2.3 can hang in destroy() when it comes during the handshake (before READY), and
  // its shard then reconnects on its own: the wait is bounded, and the rest is logged
  const destroy = async () => {
    const done = await Promise.race([
      client.destroy().then(() => true),
      sleep(stopTimeout).then(() => false),
    ]);
    if (!done) logger.warn('the discord client did not disconnect in time', { waitedMs: stopTimeout });
  };

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  return {
    client,
    sender: createDiscordSender({
      rest: client.rest,
      buttons,
      logger,
      ...(options.sendDeadlineMs !== undefined ? { deadlineMs: options.sendDeadlineMs } : {}),
    }),
    async start() {
      // the zone's formatters load their locale data now rather than during the first answers
      try {
        warmTimeFormats(services.timeZone);
      } catch (error) {
        logger.warn('could not prepare the time formats', { timeZone: services.timeZone, error });
      }
      const ready = once(client, Events.ClientReady, { signal: stopping.signal });
      const waiting = setInterval(
        () => logger.warn('still waiting for the Discord gateway to be ready', { apiRoot }),
        options.readyWarnMs ?? 30_000,
      );
      try {
        // whichever fails first: a refused login, or stop() before READY
        await Promise.all([client.login(token), ready]);
      } catch (error) {
        await destroy();
        throw startError(error, apiRoot);
      } finally {
        clearInterval(waiting);
      }
      logger.info('discord bot ready', { user: client.user?.tag, application: client.application?.id });
      try {
        const outcome = await registerCommands();
        logger.info(`discord slash commands ${outcome}`, { scope: options.guildId ?? 'global' });
      } catch (error) {
        // the commands registered before still work; say what is wrong and keep answering
        logger.error('could not register the discord slash commands', { error });
      }
      if (options.warmUp !== false) {
        try {
          const warmed = await warmUp(services, { deferWhenWaiting, ...options.warmUp });
          logger.debug('discord answer path warmed up', { ...warmed });
        } catch (error) {
          // only the first answers are slower
          logger.warn('could not warm up the discord answer path', { error });
        }
      }
    },
    async stop() {
      stopping.abort();
      await Promise.race([idle(), sleep(stopTimeout)]);
      await Promise.all([destroy(), rest.close(stopTimeout)]);
    },
    registerCommands,
    idle,
  };
}

function startError(error: unknown, apiRoot: string): Error {
  if (error instanceof Error && 'code' in error && error.code === DiscordjsErrorCodes.TokenInvalid) {
    return tokenRefused('401');
  }
  if (error instanceof Error && error.message === 'Authentication failed') {
    return tokenRefused('gateway close 4004');
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new Error(`Stopped before the Discord gateway under ${apiRoot} was ready`, { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new Error(`Could not log in to Discord at ${apiRoot}: ${detail}`, { cause: error });
}
