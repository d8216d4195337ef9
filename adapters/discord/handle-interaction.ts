// one incoming interaction → the command it asks for, answered; unknown kinds are answered kindly.
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
} from 'discord.js';
import {
  findCommand,
  parseCommandLine,
  runCommand,
  slowDownNotice,
  type CommandContext,
  type CommandRateLimit,
  type Reply,
  type Services,
} from '../../commands/index.js';
import { localeFromLanguageCode, t, type Locale } from '../../src/index.js';
import { answerInteraction, answerPrivately, type AnswerableInteraction } from './answer-interaction.js';
import { suggestSources, suggestTopics, type AutocompleteChoice } from './autocomplete.js';
import type { ButtonStore } from './button-store.js';

export interface InteractionDeps {
  services: Services;
  buttons: ButtonStore;
  rateLimit: CommandRateLimit;
  /** see AnswerOptions.deferAfterMs */
  deferAfterMs: number;
}

export const STALE_BUTTON = t('en', 'chat.staleButtonLong');
export const UNSUPPORTED = t('en', 'chat.unsupported');
export const APOLOGY = t('en', 'chat.apology');

/** in a server, who may change the channel's briefings: Manage Channels or Manage Server */
const MANAGERS = [PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild];

export function contextOf(interaction: Interaction, services: Services): CommandContext {
  // null in a DM, where the reader decides for themselves
  const permissions = interaction.memberPermissions;
  return {
    chat: `discord:${interaction.channelId ?? 'unknown'}`,
    user: `discord:${interaction.user.id}`,
    timeZone: services.timeZone,
    // Discord has no Dari or Pashto locale: English here until the channel chooses with /language
    locale: localeFromLanguageCode(interaction.locale),
    ...(permissions ? { canManage: permissions.any(MANAGERS) } : {}),
  };
}

/** the channel's language (/language), else the reader's Discord locale */
const readerLocale = (interaction: Interaction, services: Services): Locale =>
  services.languages.get(`discord:${interaction.channelId ?? 'unknown'}`)?.locale ??
  localeFromLanguageCode(interaction.locale);

/** The options as named values; options nested under subcommands are not ours and are left out. */
export function optionValues(options: readonly CommandInteractionOption[]): Record<string, unknown> {
  // fromEntries, so an option called "__proto__" is a plain key and not a prototype
  return Object.fromEntries(
    options.filter((option) => option.value !== undefined).map((option) => [option.name, option.value]),
  );
}

export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  if (interaction.isAutocomplete()) return answerAutocomplete(interaction, deps.services);
  if (!interaction.isRepliable()) return;
  const locale = readerLocale(interaction, deps.services);
  if (!interaction.isChatInputCommand() && !interaction.isButton()) {
    await interaction.reply({
      content: t(locale, 'chat.unsupported'),
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  // rate-limited readers get the notice every time: an unanswered interaction shows them an error instead
  if (deps.rateLimit.check(`discord:${interaction.user.id}`) !== 'allow') {
    return answerPrivately(interaction, slowDownNotice(locale));
  }
  if (interaction.isChatInputCommand()) return answerCommand(interaction, deps);
  return answerButton(interaction, deps);
}

async function answerCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const name = interaction.commandName;
  const options = optionValues(interaction.options.data);
  const command = findCommand(name);
  // a mistake is answered at once, never deferred: only a valid command may take a while
  const valid = command !== undefined && command.args.safeParse(options).success;
  const context = contextOf(interaction, deps.services);
  await answerInteraction(
    interaction,
    safely(() => runCommand({ name, options, context }, deps.services), deps, context.locale ?? 'en'),
    {
      buttons: deps.buttons,
      deferAfterMs: valid ? deps.deferAfterMs : undefined,
    },
  );
}

/** runCommand answers its own failures; anything that still escapes is logged and apologised for */
const safely =
  (work: () => Promise<Reply>, deps: InteractionDeps, locale: Locale) => async (): Promise<Reply> => {
    try {
      return await work();
    } catch (error) {
      deps.services.logger.error('discord command failed', { error });
      return { text: t(locale, 'chat.apology'), private: true, locale };
    }
  };

async function answerButton(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const action = deps.buttons.get(interaction.customId);
  const locale = readerLocale(interaction, deps.services);
  if (!action) return answerPrivately(interaction, t(locale, 'chat.staleButtonLong'));
  const context = contextOf(interaction, deps.services);
  const work = async (): Promise<Reply> => {
    if (action.kind === 'next') {
      return runCommand({ name: action.page.name, options: action.page.options, context }, deps.services);
    }
    const line = parseCommandLine(action.line);
    if (!line) return { text: t(locale, 'chat.staleButtonLong'), private: true, locale };
    return runCommand({ name: line.name, text: line.text, context }, deps.services);
  };
  await answer(interaction, work, deps);
}

const answer = (interaction: AnswerableInteraction, work: () => Promise<Reply>, deps: InteractionDeps) =>
  answerInteraction(interaction, safely(work, deps, readerLocale(interaction, deps.services)), {
    buttons: deps.buttons,
    deferAfterMs: deps.deferAfterMs,
  });

async function answerAutocomplete(interaction: AutocompleteInteraction, services: Services): Promise<void> {
  let choices: AutocompleteChoice[] = [];
  const focused = interaction.options.data.find((option) => option.focused);
  const spec = findCommand(interaction.commandName)?.options.find((option) => option.name === focused?.name);
  const typed = String(focused?.value ?? '');
  if (spec?.autocomplete === 'topic') choices = suggestTopics(services.topics.topics, typed);
  if (spec?.autocomplete === 'source') {
    // the operator's outlets and this channel's own
    const own = services.chatSources.sourcesOf(`discord:${interaction.channelId ?? 'unknown'}`);
    choices = suggestSources([...services.sources, ...own], typed);
  }
  await interaction.respond(choices);
}
