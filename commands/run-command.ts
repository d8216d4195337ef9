import { t, UserError, type Locale } from '../src/index.js';
import type { CommandContext, Reply, Services } from './command.js';
import { explainIssue } from './arguments.js';
import { commandText } from './command-text.js';
import { closestCommand, findCommand } from './index.js';

export interface CommandRequest {
  name: string;
  /** the words after the command, as typed (terminal, Telegram) … */
  text?: string;
  /** … or named options (Discord); these win when both are given */
  options?: Record<string, unknown>;
  context: CommandContext;
}

/** Runs one command for any platform: validates its arguments and turns every failure into a kind answer. */
export async function runCommand(request: CommandRequest, services: Services): Promise<Reply> {
  await resumeBriefings(request.context.chat, services);
  const context = chatContext(request.context, services);
  const locale = context.locale ?? 'en';
  // a reply may speak another language than the question (/language fa answers in Dari)
  const answer = (reply: Reply): Reply => ({ locale, ...reply });
  const command = findCommand(request.name);
  if (!command) return answer({ text: unknownCommand(request, locale), private: true });
  const raw = request.options ?? command.fromText(request.text ?? '');
  const parsed = command.args.safeParse(raw);
  if (!parsed.success) {
    const problem = explainIssue(parsed.error.issues[0]?.message ?? '', locale) || t(locale, 'args.invalid');
    const text = t(locale, 'run.badArguments', {
      problem: capitalize(problem),
      usage: commandText(command, 'usage', locale),
      example: command.examples.at(-1) ?? '',
    });
    return answer({ text, private: true });
  }
  try {
    return answer(await command.run(parsed.data, context, services));
  } catch (error) {
    if (error instanceof UserError) {
      const text = error.textIn(locale);
      return answer({ text, private: true });
    }
    services.logger.error('command failed', { command: command.name, chat: context.chat, error });
    return answer({ text: t(locale, 'run.failed', { name: command.name }), private: true });
  }
}

const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
// words worth offering as a search: letters and digits, as a reader types a place or a name
const SEARCHABLE = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}\u200c'’ -]*$/u;

// "/lates" → did you mean /latest; a word that is no command ("kabul" in the terminal, where the
// slash is optional) → the search for it
function unknownCommand(request: CommandRequest, locale: Locale): string {
  const name = shorten(request.name);
  const rest = request.text?.trim().replace(/\s+/g, ' ') ?? '';
  const command = closestCommand(request.name);
  if (command) {
    const suggestion = shorten(rest ? `${command} ${rest}` : command);
    return t(locale, 'run.unknownCommandDidYouMean', { name, suggestion });
  }
  const words = rest ? `${request.name} ${rest}` : request.name;
  if (words.length <= 40 && SEARCHABLE.test(words))
    return t(locale, 'run.unknownCommandSearch', { name, words });
  return t(locale, 'run.unknownCommand', { name });
}

/** the chat's own zone (/timezone), language and calendar (/language) win over the adapter's defaults */
export function chatContext(context: CommandContext, services: Services): CommandContext {
  const timeZone = services.briefings.chatTimeZone(context.chat) ?? context.timeZone;
  const language = services.languages.get(context.chat);
  return {
    ...context,
    timeZone,
    locale: language?.locale ?? context.locale ?? 'en',
    calendar: language?.calendar ?? context.calendar ?? 'gregorian',
  };
}

/** any command in a chat whose briefings were paused (it blocked the bot, say) resumes them */
async function resumeBriefings(chat: string, services: Services): Promise<void> {
  try {
    await services.briefings.resume(chat);
  } catch (error) {
    services.logger.error('could not resume briefings', { chat, error });
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
