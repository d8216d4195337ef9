// an interaction as the gateway sends it (INTERACTION_CREATE), read directly: discord.js would first
// build an Interaction, a User, a Member and a cached channel from it, which costs more than the answer.
import {
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  PermissionsBitField,
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
} from 'discord.js';

/** The fields every answer needs; the rest of the payload is read only where it matters. */
export interface RawInteraction {
  id: string;
  token: string;
  application_id: string;
  type: number;
  data?: RawInteractionData;
  channel_id?: string;
  channel?: { id?: string };
  guild_id?: string;
  /** in a server: the member, with their permissions in this channel */
  member?: { user?: { id?: string }; permissions?: string };
  /** in a DM */
  user?: { id?: string };
  /** the reader's Discord language, e.g. "en-US" */
  locale?: string;
}

export interface RawInteractionData {
  /** a command's name */
  name?: string;
  /** a command's kind: 1 chat input (slash command), 2 user, 3 message */
  type?: number;
  options?: APIApplicationCommandInteractionDataOption[];
  /** a component's */
  custom_id?: string;
  component_type?: number;
  /** the objects options refer to by id: attachments for an ATTACHMENT option */
  resolved?: { attachments?: Record<string, APIAttachment> };
}

const isOption = (option: unknown) =>
  typeof option === 'object' && option !== null && typeof (option as { name?: unknown }).name === 'string';

export type InteractionKind = 'command' | 'autocomplete' | 'button' | 'other';

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The payload as a RawInteraction, or why it cannot be answered: without an id, a token and an
 * application id there is no one to answer.
 */
export function readInteraction(payload: unknown): RawInteraction | string {
  if (typeof payload !== 'object' || payload === null) return 'not an object';
  const raw = payload as Partial<RawInteraction>;
  if (!text(raw.id) || !text(raw.token) || !text(raw.application_id)) {
    return 'no id, token or application_id';
  }
  if (typeof raw.type !== 'number') return 'no type';
  if (raw.data !== undefined && (typeof raw.data !== 'object' || raw.data === null))
    return 'data is not an object';
  const options: unknown = raw.data?.options;
  if (options !== undefined && !(Array.isArray(options) && options.every(isOption))) {
    return 'data.options is not a list of options';
  }
  return raw as RawInteraction;
}

export function kindOf(interaction: RawInteraction): InteractionKind {
  const data = interaction.data;
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) return 'autocomplete';
  if (
    interaction.type === InteractionType.ApplicationCommand &&
    data?.type === ApplicationCommandType.ChatInput
  ) {
    return text(data.name) ? 'command' : 'other';
  }
  if (
    interaction.type === InteractionType.MessageComponent &&
    data?.component_type === ComponentType.Button &&
    text(data.custom_id)
  ) {
    return 'button';
  }
  return 'other';
}

/** 0 and 1 (ping) are for HTTP endpoints; only these kinds can be answered over the gateway */
export const answerable = (interaction: RawInteraction): boolean =>
  interaction.type >= InteractionType.ApplicationCommand && interaction.type <= InteractionType.ModalSubmit;

/** who asked: the member's user in a server, the user in a DM */
export const userIdOf = (interaction: RawInteraction): string | undefined =>
  interaction.member?.user?.id ?? interaction.user?.id;

/** where it was asked: a server channel, or the DM channel */
export const channelOf = (interaction: RawInteraction): string | undefined =>
  interaction.channel?.id ?? interaction.channel_id;

/**
 * The asker's permissions in the channel; null in a DM, where there is no member. In a server, a member
 * (or permissions) missing from the payload means none: nothing is granted by a missing field.
 */
export function memberPermissions(interaction: RawInteraction): PermissionsBitField | null {
  if (interaction.member === undefined) {
    return interaction.guild_id === undefined ? null : new PermissionsBitField(0n);
  }
  const permissions = interaction.member.permissions;
  const readable = typeof permissions === 'string' && /^\d{1,40}$/.test(permissions);
  return new PermissionsBitField(readable ? BigInt(permissions) : 0n);
}
