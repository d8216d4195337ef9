// the command registry: every command, listed explicitly.
import { suggestTopics } from '../src/index.js';
import { briefing } from './briefing.js';
import type { Command } from './command.js';
import { forget } from './forget.js';
import { help } from './help.js';
import { language } from './language.js';
import { latest } from './latest.js';
import { source } from './source.js';
import { sources } from './sources.js';
import { subscribe } from './subscribe.js';
import { subscriptions } from './subscriptions.js';
import { timezone } from './timezone.js';
import { topic } from './topic.js';
import { topics } from './topics.js';
import { unsubscribe } from './unsubscribe.js';

// a function, not a constant, so /help (which lists the commands) can import it without a cycle at load time
export const commandList = (): readonly Command<unknown>[] => [
  latest,
  topic,
  topics,
  sources,
  source,
  subscribe,
  unsubscribe,
  subscriptions,
  briefing,
  timezone,
  language,
  forget,
  help,
];

export function findCommand(name: string): Command<unknown> | undefined {
  return commandList().find((command) => command.name === name.toLowerCase());
}

/**
 * The command a mistyped name most likely meant ("lates" → latest, "sub" → subscribe), by the rule that
 * suggests topic names: a few edits off, or the start of the name; the first in the list wins a tie.
 */
export function closestCommand(typed: string): string | undefined {
  const commands = commandList();
  const names = commands.map((command, index) => ({ key: command.name, topic: index }));
  const [best] = suggestTopics(typed.toLowerCase(), names, 1);
  return best === undefined ? undefined : commands[best]?.name;
}

export type { Choice, Command, CommandContext, OptionSpec, Reply, ReplyFile, Services } from './command.js';
export { runCommand, type CommandRequest } from './run-command.js';
export { parseCommandLine } from './parse-command-line.js';
export {
  createCommandRateLimit,
  slowDownNotice,
  SLOW_DOWN_NOTICE,
  type CommandRateLimit,
} from './rate-limit.js';
export { calendarOf, commandText, localeOf } from './command-text.js';
export { MAX_COUNT } from './arguments.js';
export { chatContext } from './run-command.js';
