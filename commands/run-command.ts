import { UserError } from '../src/index.js';
import type { CommandContext, Reply, Services } from './command.js';
import { findCommand } from './index.js';

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
  // the chat's own zone (/timezone) wins over the adapter's default
  const timeZone = services.briefings.chatTimeZone(request.context.chat);
  if (timeZone) request = { ...request, context: { ...request.context, timeZone } };
  const command = findCommand(request.name);
  if (!command) {
    const shown = request.name.length > 40 ? `${request.name.slice(0, 40)}…` : request.name;
    return { text: `I don't know the command /${shown}. Send /help to see what I can do.`, private: true };
  }
  const raw = request.options ?? command.fromText(request.text ?? '');
  const parsed = command.args.safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues[0]?.message ?? 'those arguments are not valid';
    return {
      text: `${capitalize(problem)}. Usage: ${command.usage}, e.g. ${command.examples.at(-1)}`,
      private: true,
    };
  }
  try {
    return await command.run(parsed.data, request.context, services);
  } catch (error) {
    if (error instanceof UserError) return { text: error.message, private: true };
    services.logger.error('command failed', { command: command.name, chat: request.context.chat, error });
    return {
      text: `Sorry, something went wrong while answering /${command.name}. Please try again in a minute.`,
      private: true,
    };
  }
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
