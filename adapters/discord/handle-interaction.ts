// one incoming interaction → the command it asks for, answered; unknown kinds are answered kindly.
import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataOption,
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
import { localeFromLanguageCode, t, UserError, type Locale } from '../../src/index.js';
import { answerInteraction, answerPrivately } from './answer-interaction.js';
import type { AnswerQueue } from './answer-queue.js';
import type { AttachmentReader } from './attachments.js';
import { suggestSources, suggestTopics, type AutocompleteChoice } from './autocomplete.js';
import type { ButtonStore } from './button-store.js';
import type { InteractionResponder } from './interaction-responses.js';
import {
  answerable,
  channelOf,
  kindOf,
  memberPermissions,
  userIdOf,
  type RawInteraction,
} from './raw-interaction.js';

export interface InteractionDeps {
  services: Services;
  buttons: ButtonStore;
  rateLimit: CommandRateLimit;
  /** see AnswerOptions.deferAfterMs */
  deferAfterMs: number;
  /** the REST calls that answer this interaction */
  respond: (interaction: RawInteraction) => InteractionResponder;
  /** fetches a file attached to a command; without it, attachments are refused */
  readAttachment?: AttachmentReader;
  /** see AnswerOptions.queue */
  queue?: AnswerQueue;
}

export const STALE_BUTTON = t('en', 'chat.staleButtonLong');
export const UNSUPPORTED = t('en', 'chat.unsupported');
export const APOLOGY = t('en', 'chat.apology');

/** in a server, who may change the channel's briefings: Manage Channels or Manage Server (one bit set) */
const MANAGERS = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.ManageGuild;

export function contextOf(interaction: RawInteraction, services: Services): CommandContext {
  // null in a DM, where the reader decides for themselves
  const permissions = memberPermissions(interaction);
  return {
    chat: `discord:${channelOf(interaction) ?? 'unknown'}`,
    user: `discord:${userIdOf(interaction) ?? 'unknown'}`,
    timeZone: services.timeZone,
    // Discord has no Dari or Pashto locale: English here until the channel chooses with /language
    locale: localeFromLanguageCode(interaction.locale),
    ...(permissions ? { canManage: permissions.any(MANAGERS) } : {}),
  };
}

/** the channel's language (/language), else the reader's Discord locale */
const readerLocale = (interaction: RawInteraction, services: Services): Locale =>
  services.languages.get(`discord:${channelOf(interaction) ?? 'unknown'}`)?.locale ??
  localeFromLanguageCode(interaction.locale);

/**
 * The options as named values; options nested under subcommands are not ours and are left out, and so
 * are attachments, whose value is only an id (see attachedFiles).
 */
export function optionValues(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): Record<string, unknown> {
  // fromEntries, so an option called "__proto__" is a plain key and not a prototype
  return Object.fromEntries(
    (options ?? []).flatMap((option) =>
      'value' in option &&
      option.value !== undefined &&
      option.type !== ApplicationCommandOptionType.Attachment
        ? [[option.name, option.value]]
        : [],
    ),
  );
}

/**
 * The attachment options as named values: each file's bytes, fetched from Discord, and its name as
 * `<option>Name` ("file" → "fileName"), for the command to name the file when it cannot read it.
 */
export async function attachedFiles(
  interaction: RawInteraction,
  read: AttachmentReader | undefined,
): Promise<Record<string, Uint8Array | string>> {
  const attached = (interaction.data?.options ?? []).filter(
    (option) => option.type === ApplicationCommandOptionType.Attachment,
  );
  const files: [string, Uint8Array | string][] = [];
  for (const option of attached) {
    const id = 'value' in option ? String(option.value) : '';
    const attachment = interaction.data?.resolved?.attachments?.[id];
    if (!attachment || !read) throw UserError.say('file.notThrough');
    files.push([option.name, await read(attachment)]);
    if (attachment.filename) files.push([`${option.name}Name`, attachment.filename]);
  }
  return Object.fromEntries(files);
}

export async function handleInteraction(interaction: RawInteraction, deps: InteractionDeps): Promise<void> {
  const kind = kindOf(interaction);
  const responder = deps.respond(interaction);
  if (kind === 'autocomplete') return answerAutocomplete(interaction, responder, deps.services);
  if (!answerable(interaction)) return;
  const locale = readerLocale(interaction, deps.services);
  if (kind === 'other') return answerPrivately(responder, t(locale, 'chat.unsupported'));
  // rate-limited readers get the notice every time: an unanswered interaction shows them an error instead
  if (deps.rateLimit.check(`discord:${userIdOf(interaction) ?? 'unknown'}`) !== 'allow') {
    return answerPrivately(responder, slowDownNotice(locale));
  }
  if (kind === 'command') return answerCommand(interaction, responder, deps);
  return answerButton(interaction, responder, deps);
}

async function answerCommand(
  interaction: RawInteraction,
  responder: InteractionResponder,
  deps: InteractionDeps,
): Promise<void> {
  const name = interaction.data?.name ?? '';
  const command = findCommand(name);
  const context = contextOf(interaction, deps.services);
  const given = optionValues(interaction.data?.options);
  // a mistake is answered at once, never deferred: only a valid command may take a while (checked only
  // when it is time to defer, since runCommand checks the arguments anyway)
  const valid = () => command !== undefined && command.args.safeParse(given).success;
  // as on Telegram: a file the command will refuse (switched off, not an administrator) is not fetched
  const mayReadFiles = deps.services.chatSources.allowed && context.canManage !== false;
  const work = async () => {
    const files = mayReadFiles ? await attachedFiles(interaction, deps.readAttachment) : {};
    return runCommand({ name, options: { ...given, ...files }, context }, deps.services);
  };
  await answerInteraction(responder, safely(work, deps, context.locale ?? 'en'), {
    buttons: deps.buttons,
    deferAfterMs: deps.deferAfterMs,
    mayDefer: valid,
    ...(deps.queue ? { queue: deps.queue } : {}),
  });
}

/**
 * runCommand answers its own failures, and an attachment that cannot be read is the reader's to fix;
 * anything else that escapes is logged and apologised for
 */
const safely =
  (work: () => Promise<Reply>, deps: InteractionDeps, locale: Locale) => async (): Promise<Reply> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UserError) {
        const text = error.textIn(locale);
        return { text, private: true, locale };
      }
      deps.services.logger.error('discord command failed', { error });
      return { text: t(locale, 'chat.apology'), private: true, locale };
    }
  };

async function answerButton(
  interaction: RawInteraction,
  responder: InteractionResponder,
  deps: InteractionDeps,
): Promise<void> {
  const action = deps.buttons.get(interaction.data?.custom_id ?? '');
  const locale = readerLocale(interaction, deps.services);
  if (!action) return answerPrivately(responder, t(locale, 'chat.staleButtonLong'));
  const context = contextOf(interaction, deps.services);
  const work = async (): Promise<Reply> => {
    if (action.kind === 'next') {
      return runCommand({ name: action.page.name, options: action.page.options, context }, deps.services);
    }
    const line = parseCommandLine(action.line);
    if (!line) return { text: t(locale, 'chat.staleButtonLong'), private: true, locale };
    return runCommand({ name: line.name, text: line.text, context }, deps.services);
  };
  await answerInteraction(responder, safely(work, deps, context.locale ?? 'en'), {
    buttons: deps.buttons,
    deferAfterMs: deps.deferAfterMs,
    ...(deps.queue ? { queue: deps.queue } : {}),
  });
}

async function answerAutocomplete(
  interaction: RawInteraction,
  responder: InteractionResponder,
  services: Services,
): Promise<void> {
  let choices: AutocompleteChoice[] = [];
  const focused = interaction.data?.options?.find((option) => 'focused' in option && option.focused);
  const spec = findCommand(interaction.data?.name ?? '')?.options.find(
    (option) => option.name === focused?.name,
  );
  const typed = focused && 'value' in focused ? String(focused.value ?? '') : '';
  if (spec?.autocomplete === 'topic') choices = suggestTopics(services.topics.topics, typed);
  if (spec?.autocomplete === 'source') {
    // the operator's outlets and this channel's own
    const own = services.chatSources.sourcesOf(`discord:${channelOf(interaction) ?? 'unknown'}`);
    choices = suggestSources([...services.sources, ...own], typed);
  }
  await responder.suggest(choices);
}
