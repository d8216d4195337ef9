// a fake Discord for tests and the bench: REST (API v10) and gateway on 127.0.0.1, a random port.
// the real discord.js client logs in to it; every request is recorded and every message checked.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createFakeGateway, type GatewayStats } from './discord/gateway.js';
import {
  commandOptions,
  interactionEnvelope,
  makeMessage,
  makeUser,
  resolvedAttachments,
  snowflake,
  type FakeAttachment,
  type FakeGuild,
  type FakeMessage,
  type OptionValue,
  type Where,
} from './discord/payloads.js';
import { createRestHandler } from './discord/rest-routes.js';
import type { Conversation, FakeState, InjectedFailure, RecordedRequest } from './discord/state.js';

export type { Conversation, FakeAttachment, FakeGuild, FakeMessage, RecordedRequest, Where };

export interface FakeDiscordOptions {
  /** the token REST accepts (default "fake-token") */
  token?: string;
  /** the token IDENTIFY accepts (default: the same) */
  gatewayToken?: string;
  guilds?: FakeGuild[];
  heartbeatIntervalMs?: number;
  /** never answer IDENTIFY: a gateway that does not become ready */
  holdReady?: boolean;
  /** check messages only when runDeferredChecks() is called, not while answering (for benches) */
  deferChecks?: boolean;
}

export interface FakeInteraction {
  id: string;
  token: string;
  /** performance.now() when the fake began sending INTERACTION_CREATE (building and encoding it included) */
  sentAt: number;
  /** performance.now() once the encoded frame was handed to the socket: the fake's own work done */
  handedAt: number;
}

export interface FakeDiscord {
  /** give this to the client as `rest.api` */
  apiRoot: string;
  /** where the fake serves attachments, as Discord's CDN (https://cdn.discordapp.com) does */
  cdnOrigin: string;
  token: string;
  applicationId: string;
  guild: FakeGuild;
  channelId: string;
  requests: RecordedRequest[];
  /** every limit a message broke, and anything the fake could not handle; [] when all is well */
  problems: string[];
  gateway: GatewayStats;
  commands: FakeState['commands'];
  command(name: string, options?: Record<string, OptionValue>, where?: Where): FakeInteraction;
  /** a raw slash command: options exactly as given */
  rawCommand(name: string, options: unknown[], where?: Where): FakeInteraction;
  autocomplete(
    name: string,
    options: Record<string, OptionValue>,
    focused: string,
    where?: Where,
  ): FakeInteraction;
  click(message: FakeMessage, customId: string, where?: Where): FakeInteraction;
  /** any interaction: type and data as given; a component interaction gets a message if it has none */
  interaction(type: number, data: unknown, where?: Where, extra?: Record<string, unknown>): FakeInteraction;
  conversation(interaction: FakeInteraction): Conversation;
  /** a message the bot posted, by id */
  message(id: string): FakeMessage | undefined;
  /**
   * a file a reader attaches, served at the attachment's url; pass it as a command option. `size` and
   * `url` override what the attachment object says (a wrong size, a url elsewhere)
   */
  attach(
    /** streamed: served without a content-length, as a stream of chunks */
    file: { name: string; contentType?: string; data: string | Buffer; streamed?: boolean },
    override?: Partial<Pick<FakeAttachment, 'size' | 'url'>>,
  ): FakeAttachment;
  /** the bytes of an attachment the fake serves (one the bot uploaded, or one a reader attached) */
  fileOf(attachment: FakeAttachment): Buffer | undefined;
  /** what the reader sees: the response (unless deleted or still "thinking"), then the follow-ups */
  messagesOf(interaction: FakeInteraction): FakeMessage[];
  waitForRequest(match: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** the first accepted (2xx) callback for the interaction */
  waitForCallback(interaction: FakeInteraction, timeoutMs?: number): Promise<RecordedRequest>;
  /** answers the next `times` matching requests with this failure (429 gets Retry-After) */
  failNext(
    match: { method?: string; path: RegExp },
    failure: Omit<InjectedFailure, 'method' | 'path' | 'times'>,
    times?: number,
  ): void;
  /** with deferChecks: checks every message received so far; problems land in `problems` */
  runDeferredChecks(): void;
  addChannel(channelId: string, guildId?: string): void;
  forbid(channelId: string): void;
  /** sends a gateway event to every logged-in client; false when none is connected */
  dispatch(event: string, data: unknown): boolean;
  /** the channel is deleted: posting there gets 404, and the client hears CHANNEL_DELETE */
  deleteChannel(channelId: string): boolean;
  /** the bot is removed from the server: its channels are gone (404), and the client hears GUILD_DELETE */
  removeFromGuild(guildId: string): boolean;
  close(): Promise<void>;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? 'fake-token';
  const applicationId = snowflake();
  const guilds = options.guilds ?? [
    { id: snowflake(), name: 'Kabul Readers', channels: [{ id: snowflake(), name: 'news' }] },
  ];
  const state: FakeState = {
    token,
    gatewayToken: options.gatewayToken ?? token,
    applicationId,
    bot: makeUser(applicationId, 'briefer', true),
    guilds,
    channels: new Map(guilds.flatMap((g) => g.channels.map((c) => [c.id, { guildId: g.id }] as const))),
    forbidden: new Set(),
    requests: [],
    problems: [],
    messages: new Map(),
    conversations: new Map(),
    commands: { global: [], guilds: new Map() },
    failures: [],
    listeners: new Set(),
    attachments: new Map(),
    ...(options.deferChecks ? { deferredChecks: [] } : {}),
  };
  let origin = '';
  const gatewayUrl = () => `ws://${origin}/gateway`;
  const cdnOrigin = () => `http://${origin}`;
  const server = createServer(createRestHandler(state, gatewayUrl, cdnOrigin));
  const gateway = createFakeGateway(server, state, {
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    url: gatewayUrl,
    ...(options.holdReady ? { holdReady: true } : {}),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const firstGuild = guilds[0]!;
  const users = new Map<string, ReturnType<typeof makeUser>>();
  const reader = snowflake();

  const interaction = (
    type: number,
    data: unknown,
    where: Where = {},
    extra: Record<string, unknown> = {},
  ): FakeInteraction => {
    const userId = where.userId ?? reader;
    const user = users.get(userId) ?? makeUser(userId, `reader-${users.size + 1}`);
    users.set(userId, user);
    const guildId = where.dm ? undefined : (where.guildId ?? firstGuild.id);
    const channelId =
      where.channelId ?? (where.dm ? `9${userId.slice(1)}` : (firstGuild.channels[0]?.id ?? snowflake()));
    const base = {
      id: snowflake(),
      token: `itoken-${snowflake()}`,
      applicationId,
      guildId,
      channelId,
      user,
      permissions: where.permissions,
    };
    const sentAt = performance.now();
    state.conversations.set(base.token, {
      interactionId: base.id,
      token: base.token,
      channelId,
      guildId,
      sentAt,
      callbacks: [],
      originalDeleted: false,
      followUps: [],
    });
    const payload = { ...interactionEnvelope(base, type, data), ...extra };
    // a component interaction always carries the message its component is on
    if (type === 3 && !('message' in payload)) {
      const { sent: _sent, ...message } = makeMessage(
        { content: 'a message' },
        { channelId, guildId },
        state.bot,
      );
      Object.assign(payload, { message });
    }
    if (!gateway.dispatch('INTERACTION_CREATE', payload)) {
      throw new Error('fake Discord: no logged-in client to send the interaction to');
    }
    return { id: base.id, token: base.token, sentAt, handedAt: performance.now() };
  };

  const commandData = (name: string, options: unknown[]) => ({ id: snowflake(), name, type: 1, options });

  const waitForRequest = (match: (request: RecordedRequest) => boolean, timeoutMs = 5_000) => {
    const seen = state.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<RecordedRequest>((resolve, reject) => {
      const listener = (request: RecordedRequest) => {
        if (!match(request)) return;
        clearTimeout(timer);
        state.listeners.delete(listener);
        resolve(request);
      };
      const timer = setTimeout(() => {
        state.listeners.delete(listener);
        reject(new Error(`fake Discord: no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      state.listeners.add(listener);
    });
  };

  // the first accepted callback of each interaction, by path: a burst waits on hundreds at once
  const firstCallbacks = new Map<string, RecordedRequest>();
  const callbackWaiters = new Map<string, ((request: RecordedRequest) => void)[]>();
  state.listeners.add((request) => {
    if (!request.path.endsWith('/callback') || request.status < 200 || request.status >= 300) return;
    if (firstCallbacks.has(request.path)) return;
    firstCallbacks.set(request.path, request);
    for (const waiter of callbackWaiters.get(request.path) ?? []) waiter(request);
    callbackWaiters.delete(request.path);
  });
  const waitForCallback = (i: FakeInteraction, timeoutMs = 5_000) => {
    const path = `/interactions/${i.id}/${i.token}/callback`;
    const seen = firstCallbacks.get(path);
    if (seen) return Promise.resolve(seen);
    return new Promise<RecordedRequest>((resolve, reject) => {
      const timer = setTimeout(() => {
        callbackWaiters.set(
          path,
          (callbackWaiters.get(path) ?? []).filter((w) => w !== waiter),
        );
        reject(new Error(`fake Discord: no callback for interaction ${i.id} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (request: RecordedRequest) => {
        clearTimeout(timer);
        resolve(request);
      };
      callbackWaiters.set(path, [...(callbackWaiters.get(path) ?? []), waiter]);
    });
  };

  const conversationOf = (i: FakeInteraction) => {
    const conversation = state.conversations.get(i.token);
    if (!conversation) throw new Error(`fake Discord: no interaction ${i.id}`);
    return conversation;
  };

  return {
    apiRoot: `http://${origin}/api`,
    cdnOrigin: cdnOrigin(),
    token,
    applicationId,
    guild: firstGuild,
    channelId: firstGuild.channels[0]?.id ?? '',
    requests: state.requests,
    problems: state.problems,
    gateway: gateway.stats,
    commands: state.commands,
    command: (name, options = {}, where) =>
      interaction(
        2,
        { ...commandData(name, commandOptions(options)), ...resolvedAttachments(options) },
        where,
      ),
    rawCommand: (name, options, where) => interaction(2, commandData(name, options), where),
    autocomplete: (name, options, focused, where) =>
      interaction(4, commandData(name, commandOptions(options, focused)), where),
    click: (message, customId, where) =>
      interaction(
        3,
        { custom_id: customId, component_type: 2 },
        {
          channelId: message.channel_id,
          ...(message.guild_id ? { guildId: message.guild_id } : { dm: true }),
          ...where,
        },
      ),
    interaction,
    conversation: conversationOf,
    message: (id) => state.messages.get(id),
    attach(file, override = {}) {
      const id = snowflake();
      const data = Buffer.from(file.data);
      const url = `${cdnOrigin()}/attachments/${firstGuild.channels[0]?.id ?? '0'}/${id}/${encodeURIComponent(file.name)}`;
      const attachment: FakeAttachment = {
        id,
        filename: file.name,
        size: data.length,
        url,
        proxy_url: url,
        ...(file.contentType ? { content_type: file.contentType } : {}),
        ...override,
      };
      state.attachments.set(id, { attachment, data, ...(file.streamed ? { streamed: true } : {}) });
      return attachment;
    },
    fileOf: (attachment) => state.attachments.get(attachment.id)?.data,
    messagesOf(i) {
      const conversation = conversationOf(i);
      const original = conversation.original;
      const shown =
        original && !conversation.originalDeleted && (original.flags & 128) === 0 ? [original] : [];
      return [...shown, ...conversation.followUps];
    },
    waitForRequest,
    waitForCallback,
    failNext(match, failure, times = 1) {
      state.failures.push({ ...match, ...failure, times });
    },
    runDeferredChecks() {
      for (const check of state.deferredChecks?.splice(0) ?? []) check();
    },
    addChannel(channelId, guildId) {
      state.channels.set(channelId, { guildId });
    },
    forbid(channelId) {
      state.forbidden.add(channelId);
    },
    dispatch: (event, data) => gateway.dispatch(event, data),
    deleteChannel(channelId) {
      const guildId = state.channels.get(channelId)?.guildId;
      state.channels.delete(channelId);
      const guild = state.guilds.find((g) => g.id === guildId);
      const name = guild?.channels.find((c) => c.id === channelId)?.name ?? 'deleted';
      if (guild) guild.channels = guild.channels.filter((c) => c.id !== channelId);
      return gateway.dispatch('CHANNEL_DELETE', {
        id: channelId,
        type: 0,
        name,
        position: 0,
        permission_overwrites: [],
        parent_id: null,
        nsfw: false,
        ...(guildId ? { guild_id: guildId } : {}),
      });
    },
    removeFromGuild(guildId) {
      const guild = state.guilds.find((g) => g.id === guildId);
      for (const channel of guild?.channels ?? []) state.channels.delete(channel.id);
      state.guilds = state.guilds.filter((g) => g.id !== guildId);
      // as Discord sends it on a kick or a deleted server: no "unavailable" (that would be an outage)
      return gateway.dispatch('GUILD_DELETE', { id: guildId });
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
