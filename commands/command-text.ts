// what a command says about itself in the reader's language: its description and usage line.
import { isMessageKey, t, type Calendar, type Locale } from '../src/index.js';
import type { Command, CommandContext } from './command.js';

export const localeOf = (context: Pick<CommandContext, 'locale'>): Locale => context.locale ?? 'en';
export const calendarOf = (context: Pick<CommandContext, 'calendar'>): Calendar =>
  context.calendar ?? 'gregorian';

/** "<name>.description" or "<name>.usage" from the catalogue; the command's own English otherwise */
export function commandText(
  command: Pick<Command<unknown>, 'name' | 'description' | 'usage'>,
  part: 'description' | 'usage',
  locale: Locale,
): string {
  const key = `${command.name}.${part}`;
  return isMessageKey(key) ? t(locale, key) : command[part];
}
