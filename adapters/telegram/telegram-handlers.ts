// telegram updates → commands → replies. adapters translate, never decide: what to answer is in
// commands/; here is only who asked, where, and whether the question was meant for this bot.
import type { Context } from 'grammy';
import {
  findCommand,
  parseCommandLine,
  runCommand,
  slowDownNotice,
  type CommandContext,
  type CommandRateLimit,
  type CommandRequest,
  type Reply,
  type Services,
} from '../../commands/index.js';
import { localeFromLanguageCode, t, UserError, type Locale, type Logger } from '../../src/index.js';
import { importedDocument, type DocumentDownload } from './attached-document.js';
import type { ButtonStore } from './button-store.js';
import type { ManagerCheck } from './chat-managers.js';
import { deliverReply, type ReplyTarget } from './deliver-reply.js';
import { readButton, type ButtonAction } from './reply-buttons.js';
import { deepLinkCommand, greeting } from './start-command.js';
import type { SenderHooks, TelegramSender } from './telegram-sender.js';

export interface HandlerDeps {
  services: Services;
  sender: TelegramSender;
  buttons: ButtonStore<ButtonAction>;
  rateLimit: CommandRateLimit;
  logger: Logger;
  hooks: SenderHooks;
  managers: ManagerCheck;
  /** fetches a document a reader attached (an OPML file for /source import) */
  download: DocumentDownload;
  /** keeps a delivery running after its update was handled, so stop() can wait for it */
  detach(task: Promise<unknown>): void;
}

export const STALE_BUTTON = t('en', 'chat.staleButton');

/**
 * Who asks and where, as the commands see it: `telegram:<chat>[:<topic>]` and `telegram:<user>`, and
 * the language the reader's Telegram is set to (`language_code`), until the chat chooses one.
 */
export const telegramContext = (
  chatId: number,
  userId: number,
  threadId: number | undefined,
  timeZone: string,
  canManage?: boolean,
  languageCode?: string,
): CommandContext => ({
  chat: `telegram:${chatId}${threadId === undefined ? '' : `:${threadId}`}`,
  user: `telegram:${userId}`,
  timeZone,
  ...(canManage === undefined ? {} : { canManage }),
  ...(languageCode === undefined ? {} : { locale: localeFromLanguageCode(languageCode) }),
});

/** the chat's language (/language), else the reader's Telegram language */
const readerLocale = (deps: HandlerDeps, chat: string, languageCode: string | undefined): Locale =>
  deps.services.languages.get(chat)?.locale ?? localeFromLanguageCode(languageCode);

function send(deps: HandlerDeps, target: ReplyTarget, reply: Reply): void {
  deps.detach(deliverReply(deps.sender, target, reply, deps.buttons));
}

/** A message: a command for this bot is answered; anything else in a group is left alone. */
export async function handleMessage(ctx: Context, deps: HandlerDeps): Promise<void> {
  const message = ctx.message;
  if (message === undefined) return;
  const { chat, from } = message;
  if (message.migrate_to_chat_id !== undefined) {
    const to = message.migrate_to_chat_id;
    deps.hooks.onMigrate?.(chat.id, to);
    return;
  }
  // an anonymous group administrator writes as the group itself, through Telegram's helper bot
  const asGroup = message.sender_chat !== undefined && message.sender_chat.id === chat.id;
  // a command may come as a document's caption: "/source import" with the OPML file attached
  const text = message.text ?? message.caption;
  const entities = message.text === undefined ? message.caption_entities : message.entities;
  if (from === undefined || (from.is_bot && !asGroup) || text === undefined) return;
  const userId = asGroup ? chat.id : from.id;
  const isPrivate = chat.type === 'private';
  const threadId = message.is_topic_message ? message.message_thread_id : undefined;
  const target: ReplyTarget = { chatId: chat.id, ...(threadId === undefined ? {} : { threadId }) };
  const first = entities?.[0];
  const isCommand = first?.type === 'bot_command' && first.offset === 0;
  const parsed = isCommand ? parseCommandLine(text) : undefined;
  const me = ctx.me.username;
  if (parsed?.botName !== undefined && parsed.botName.toLowerCase() !== me.toLowerCase()) return;
  const forMe = isPrivate || parsed?.botName !== undefined;
  // in a group, a command we do not know may be another bot's: stay quiet unless it names us
  if (!forMe && (parsed === undefined || (parsed.name !== 'start' && !findCommand(parsed.name)))) return;

  const decision = deps.rateLimit.check(`telegram:${userId}`);
  if (decision === 'silent') return;
  const chatAddress = `telegram:${chat.id}${threadId === undefined ? '' : `:${threadId}`}`;
  const locale = readerLocale(deps, chatAddress, from.language_code);
  if (decision === 'notice') return send(deps, target, { text: slowDownNotice(locale), locale });
  if (parsed === undefined) return send(deps, target, { text: t(locale, 'chat.notACommand'), locale });

  const canManage = await deps.managers.canManage(chat, from, message.sender_chat);
  const context = telegramContext(
    chat.id,
    userId,
    threadId,
    deps.services.timeZone,
    canManage,
    from.language_code,
  );
  let request: Omit<CommandRequest, 'context'> = { name: parsed.name, text: parsed.text };
  const document = importedDocument(message, parsed);
  // a reader who may not change the chat's sources, or a bot whose operator switched chat sources off,
  // is refused by the command: the file is not fetched
  if (document !== undefined && canManage !== false && deps.services.chatSources.allowed) {
    try {
      const file = await deps.download(document);
      const options = { ...findCommand(parsed.name)?.fromText(parsed.text), file };
      // the name is said back when the file cannot be read
      request = {
        name: parsed.name,
        options: document.file_name ? { ...options, fileName: document.file_name } : options,
      };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const text = error.textIn(locale);
      return send(deps, target, { text, private: true, locale });
    }
  }
  if (parsed.name === 'start') {
    const linked = deepLinkCommand(parsed.text);
    if (linked === undefined) {
      // a reader back after blocking the bot sends /start: like any command, it resumes their briefings
      await deps.services.briefings.resume(context.chat).catch((error: unknown) => {
        deps.logger.error('telegram: could not resume briefings', { chat: context.chat, error });
      });
      return send(deps, target, { text: greeting(from.first_name, me, locale), locale });
    }
    request = linked;
  }
  const reply = await runCommand({ ...request, context }, deps.services);
  send(deps, target, reply);
}

/** A pressed button: always answered, so the reader's client stops its spinner. */
export async function handleCallback(ctx: Context, deps: HandlerDeps): Promise<void> {
  const query = ctx.callbackQuery;
  if (query === undefined) return;
  let answered = false;
  const answer = async (text?: string) => {
    if (answered) return;
    answered = true;
    try {
      await ctx.api.answerCallbackQuery(query.id, text === undefined ? {} : { text });
    } catch (error) {
      deps.logger.warn('telegram: could not answer a button press', { error });
    }
  };
  try {
    const message = query.message;
    const action = readButton(query.data, deps.buttons);
    const thread =
      message !== undefined && 'is_topic_message' in message && message.is_topic_message
        ? `:${message.message_thread_id}`
        : '';
    const locale = readerLocale(
      deps,
      message === undefined ? '' : `telegram:${message.chat.id}${thread}`,
      query.from.language_code,
    );
    if (action === undefined || message === undefined) return await answer(t(locale, 'chat.staleButton'));
    const decision = deps.rateLimit.check(`telegram:${query.from.id}`);
    if (decision !== 'allow') return await answer(decision === 'notice' ? slowDownNotice(locale) : undefined);
    await answer();
    const threadId =
      'is_topic_message' in message && message.is_topic_message ? message.message_thread_id : undefined;
    const canManage = await deps.managers.canManage(message.chat, query.from);
    const context = telegramContext(
      message.chat.id,
      query.from.id,
      threadId,
      deps.services.timeZone,
      canManage,
      query.from.language_code,
    );
    const target: ReplyTarget = { chatId: message.chat.id, ...(threadId === undefined ? {} : { threadId }) };
    if (action.kind === 'page') {
      const reply = await runCommand(
        { name: action.next.name, options: action.next.options, context },
        deps.services,
      );
      return send(deps, { ...target, editMessageId: message.message_id }, reply);
    }
    const parsed = parseCommandLine(action.line);
    if (parsed === undefined) return;
    send(deps, target, await runCommand({ name: parsed.name, text: parsed.text, context }, deps.services));
  } finally {
    await answer();
  }
}
