// /start: a greeting for a new reader, or a deep link (t.me/<bot>?start=topic_iran) that runs a command.
import { commandList } from '../../commands/index.js';
import { commandText } from '../../commands/index.js';
import { t, truncateAtWord, type Locale } from '../../src/index.js';

/** The command a deep-link payload stands for: topic_<name>, latest, latest_<source>. */
export function deepLinkCommand(payload: string): { name: string; text: string } | undefined {
  const value = payload.trim();
  // payloads may only use A-Z, a-z, 0-9, _ and -; an underscore inside a name stands for a space
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) return undefined;
  const topic = /^topic_(.+)$/i.exec(value);
  if (topic) return { name: 'topic', text: topic[1]!.replace(/_/g, ' ') };
  if (/^latest$/i.test(value)) return { name: 'latest', text: '' };
  const latest = /^latest_(.+)$/i.exec(value);
  if (latest) return { name: 'latest', text: latest[1]!.replace(/_/g, ' ') };
  return undefined;
}

/** What /start answers: who the bot is and what to ask. Plain text; the renderer escapes it. */
export function greeting(firstName: string | undefined, botUsername: string, locale: Locale = 'en'): string {
  const name = firstName?.replace(/\s+/g, ' ').trim();
  const hello = name
    ? t(locale, 'chat.hello', { name: truncateAtWord(name, 40) })
    : t(locale, 'chat.helloAnyone');
  const commands = commandList().map(
    (command) => `${commandText(command, 'usage', locale)} — ${commandText(command, 'description', locale)}`,
  );
  return [
    t(locale, 'chat.greeting', { hello }),
    '',
    ...commands,
    '',
    t(locale, 'chat.greetingTry', { bot: botUsername }),
  ].join('\n');
}
