// Discord-shaped objects for the fake: users, guilds, messages and interactions (API v10).

let counter = 0n;
/** A fresh snowflake: 19 digits, so discord.js's REST client sees real major parameters. */
export function snowflake(): string {
  counter += 1n;
  return (1_250_000_000_000_000_000n + counter).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export const makeUser = (id: string, username: string, bot = false): FakeUser => ({
  id,
  username,
  global_name: username,
  discriminator: '0',
  avatar: null,
  ...(bot ? { bot: true } : {}),
});

export interface FakeGuild {
  id: string;
  name: string;
  channels: { id: string; name: string }[];
}

export function guildCreate(guild: FakeGuild, bot: FakeUser) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: snowflake(),
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: '104324673',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [
      { user: bot, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    ],
    channels: guild.channels.map((channel, position) => ({
      id: channel.id,
      type: 0,
      name: channel.name,
      position,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      guild_id: guild.id,
    })),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** an attachment object (API v10), served by the fake at its url */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
}

export interface FakeMessage {
  id: string;
  type: 0;
  channel_id: string;
  guild_id?: string;
  author: FakeUser;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  timestamp: string;
  edited_timestamp: string | null;
  tts: false;
  mention_everyone: false;
  mentions: [];
  mention_roles: [];
  attachments: FakeAttachment[];
  pinned: false;
  /** the body as the bot sent it, for assertions (not part of Discord's shape) */
  sent: Record<string, unknown>;
}

export function makeMessage(
  body: Record<string, unknown>,
  where: { channelId: string; guildId?: string | undefined },
  author: FakeUser,
  flags = 0,
  attachments: FakeAttachment[] = [],
): FakeMessage {
  return {
    id: snowflake(),
    type: 0,
    channel_id: where.channelId,
    ...(where.guildId ? { guild_id: where.guildId } : {}),
    author,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    flags: (typeof body.flags === 'number' ? body.flags : 0) | flags,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments,
    pinned: false,
    sent: body,
  };
}

/** Where an interaction comes from: a server channel (default), a DM, or a server the bot does not know. */
export interface Where {
  guildId?: string;
  channelId?: string;
  userId?: string;
  dm?: boolean;
  /** the member's permissions in the channel, as Discord sends them (a decimal bit set); default: a plain member's */
  permissions?: string;
}

export interface InteractionBase {
  id: string;
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  channelId: string;
  user: FakeUser;
  permissions?: string | undefined;
}

/** The fields every interaction carries, in a server or a DM. */
export function interactionEnvelope(base: InteractionBase, type: number, data: unknown) {
  const inGuild = base.guildId !== undefined;
  return {
    id: base.id,
    application_id: base.applicationId,
    type,
    data,
    token: base.token,
    version: 1,
    locale: 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': inGuild ? base.guildId : '0' },
    context: inGuild ? 0 : 1,
    attachment_size_limit: 10_485_760,
    channel_id: base.channelId,
    ...(inGuild
      ? {
          guild_id: base.guildId,
          guild_locale: 'en-US',
          channel: { id: base.channelId, type: 0, name: 'news', guild_id: base.guildId },
          member: {
            user: base.user,
            roles: [],
            permissions: base.permissions ?? '2248473465835073',
            joined_at: new Date().toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
          },
        }
      : {
          channel: { id: base.channelId, type: 1, recipients: [base.user] },
          user: base.user,
        }),
  };
}

export type OptionValue = string | number | boolean | FakeAttachment;

const optionType = (value: OptionValue) =>
  typeof value === 'object'
    ? 11
    : typeof value === 'number'
      ? Number.isInteger(value)
        ? 4
        : 10
      : typeof value === 'boolean'
        ? 5
        : 3;

/**
 * { count: 5, source: 'x', file: attachment } → typed options; integers are type 4, other numbers 10,
 * text 3, attachments 11 (their value is the id; the object goes in the data's `resolved`).
 */
export function commandOptions(options: Record<string, OptionValue>, focused?: string) {
  return Object.entries(options).map(([name, value]) => ({
    name,
    type: optionType(value),
    value: typeof value === 'object' ? value.id : value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

/** the data's `resolved` for the attachments among the options, or nothing */
export function resolvedAttachments(options: Record<string, OptionValue>) {
  const attached = Object.values(options).filter(
    (value): value is FakeAttachment => typeof value === 'object',
  );
  if (attached.length === 0) return {};
  return { resolved: { attachments: Object.fromEntries(attached.map((a) => [a.id, a])) } };
}
