// slash command definitions generated from the command registry, and the hash that says when they changed.
import { createHash } from 'node:crypto';
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, OptionSpec } from '../../commands/index.js';

export type SlashCommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

const DESCRIPTION_MAX = 100;

/**
 * Files a command reads from a named option (its args accept bytes under that name): on Discord the
 * reader attaches them to an ATTACHMENT option, and the adapter passes the downloaded bytes.
 */
export const ATTACHMENT_OPTIONS: Readonly<Record<string, readonly { name: string; description: string }[]>> =
  {
    source: [{ name: 'file', description: 'An OPML file of feeds to import (with action import)' }],
  };
const short = (text: string) =>
  text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;

function addOption(builder: SlashCommandBuilder, spec: OptionSpec): void {
  if (spec.type === 'integer') {
    builder.addIntegerOption((option) => {
      option
        .setName(spec.name)
        .setDescription(short(spec.description))
        .setRequired(spec.required ?? false);
      if (spec.min !== undefined) option.setMinValue(spec.min);
      if (spec.max !== undefined) option.setMaxValue(spec.max);
      return option;
    });
    return;
  }
  builder.addStringOption((option) => {
    option
      .setName(spec.name)
      .setDescription(short(spec.description))
      .setRequired(spec.required ?? false)
      .setAutocomplete(spec.autocomplete !== undefined);
    if (spec.maxLength !== undefined) option.setMaxLength(spec.maxLength);
    return option;
  });
}

/**
 * One definition per command, built with discord.js's builders so names, descriptions and option
 * limits are checked here. Global commands are offered in servers and in DMs with the bot;
 * commands registered to one server take no contexts.
 */
export function slashCommandDefinitions(
  commands: readonly Command<unknown>[],
  scope: { guild: boolean },
): SlashCommandDefinition[] {
  return commands.map((command) => {
    const builder = new SlashCommandBuilder()
      .setName(command.name)
      .setDescription(short(command.description));
    if (!scope.guild) {
      builder
        .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
        .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
    }
    // Discord wants required options first
    const ordered = [...command.options].sort(
      (a, b) => Number(b.required ?? false) - Number(a.required ?? false),
    );
    for (const spec of ordered) addOption(builder, spec);
    for (const file of ATTACHMENT_OPTIONS[command.name] ?? []) {
      builder.addAttachmentOption((option) =>
        option.setName(file.name).setDescription(short(file.description)).setRequired(false),
      );
    }
    return builder.toJSON();
  });
}

/** Changes whenever the definitions, the application or the place they are registered to change. */
export function definitionsHash(
  definitions: readonly SlashCommandDefinition[],
  target: { applicationId: string; guildId?: string | undefined },
): string {
  const scope = target.guildId ? `guild:${target.guildId}` : 'global';
  return createHash('sha256')
    .update(JSON.stringify({ application: target.applicationId, scope, definitions }))
    .digest('hex');
}
