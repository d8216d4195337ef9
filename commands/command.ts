import type { z } from 'zod';
import type { Briefer, Calendar, Digest, Locale } from '../src/index.js';

/** A button or quick reply the reader can pick; `command` is what picking it runs. */
export interface Choice {
  label: string;
  command: string;
}

/**
 * What a command answers, for any platform. `text` is plain text (renderers escape it);
 * a digest is rendered by each platform in its own way.
 */
export interface Reply {
  text?: string;
  digest?: Digest;
  choices?: Choice[];
  /** true for answers only the asker should see (Discord ephemeral); mistakes, for example */
  private?: boolean;
  /** the request that shows the next page, when there is one ("More ▸" buttons) */
  next?: NextPage;
  /** a document to send with the answer (an OPML export): Telegram and Discord send it as a file */
  file?: ReplyFile;
  /** the language of the bot's own words in it (labels, buttons); English when absent */
  locale?: Locale;
}

/** a text document attached to a reply */
export interface ReplyFile {
  /** e.g. "briefer-sources.opml" */
  name: string;
  /** e.g. "text/x-opml" */
  mimeType: string;
  content: string;
}

/** A command with named options, ready to run again: the next page of a list. */
export interface NextPage {
  name: string;
  options: Record<string, unknown>;
}

/** Who asks and where: platform-neutral. */
export interface CommandContext {
  /** `platform:chatId[:threadId]`, e.g. `telegram:-1001234` */
  chat: string;
  /** `platform:userId` */
  user: string;
  /** IANA zone the reader sees times in */
  timeZone: string;
  /** whether the user may change the chat's briefings: Telegram group and channel administrators,
   *  Discord Manage Channels or Manage Server; true when absent (private chats, the terminal) */
  canManage?: boolean;
  /** the language the bot answers in: the platform's default for the reader (Telegram's language_code,
   *  Discord's locale) until the chat chooses one with /language; English when absent */
  locale?: Locale;
  /** the calendar of dates (/language calendar); Gregorian when absent */
  calendar?: Calendar;
}

/** What every command may use: the core, assembled. */
export type Services = Briefer;

/** A named option, so Discord can offer it as a typed slash-command option. */
export interface OptionSpec {
  name: string;
  description: string;
  type: 'string' | 'integer';
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  /** what to suggest while the reader types */
  autocomplete?: 'topic' | 'source' | 'timezone';
}

/** One command: a plain object in its own file, listed in commands/index.ts. */
export interface Command<Args = Record<string, unknown>> {
  name: string;
  description: string;
  /** e.g. "/latest [count] [source]" */
  usage: string;
  examples: string[];
  options: OptionSpec[];
  /** the text after the command name → named options, before validation */
  fromText(text: string): Record<string, unknown>;
  args: z.ZodType<Args, Record<string, unknown>>;
  run(args: Args, context: CommandContext, services: Services): Promise<Reply>;
}
