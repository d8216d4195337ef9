// shared pieces of command arguments: counts, free text, splitting "central asia 5", and the
// briefing commands' options (times, zones, topic lists) and permission check.
import { z } from 'zod';
import {
  asciiDigits,
  isMessageKey,
  MAX_SUBSCRIBED_TOPICS,
  resolveTimeZone,
  suggestTimeZones,
  t,
  UserError,
  type Locale,
  type MessageKey,
  type MessageValues,
  type TopicMatcher,
} from '../src/index.js';
import type { CommandContext } from './command.js';
import { topicChoice } from './topic-choice.js';

// zod messages name a catalogue message (and its values); runCommand shows it in the reader's language
const ISSUE = 'i18n:';

/** a zod issue message that is the catalogue message `key`, translated when it is shown */
export const issue = (key: MessageKey, values: MessageValues = {}): string =>
  ISSUE + JSON.stringify({ key, values });

/** a zod issue message in the reader's language; a plain message is shown as it is */
export function explainIssue(message: string, locale: Locale): string {
  if (!message.startsWith(ISSUE)) return message;
  try {
    const { key, values } = JSON.parse(message.slice(ISSUE.length)) as { key: string; values: MessageValues };
    if (isMessageKey(key)) return t(locale, key, values);
  } catch {
    // not one of ours after all: shown as it is
  }
  return message;
}

export const DEFAULT_COUNT = 5;
export const MAX_COUNT = 25;
/** longer free text is a mistake or an attack; either way we do not search it */
export const MAX_TEXT = 100;

export const CountSchema = z.coerce
  .number({ error: issue('args.countNumber', { max: MAX_COUNT }) })
  .int(issue('args.countWhole', { max: MAX_COUNT }))
  .min(1, issue('args.countRange', { max: MAX_COUNT }))
  .max(MAX_COUNT, issue('args.countRange', { max: MAX_COUNT }))
  .default(DEFAULT_COUNT);

/** where a page starts; set by "More" buttons, not typed */
export const OffsetSchema = z.coerce.number().int().min(0).max(10_000).default(0);

/** the next page's request, when more matches remain after this one */
export function nextPage(
  name: string,
  options: Record<string, unknown>,
  offset: number,
  shown: number,
  total: number,
) {
  return offset + shown < total ? { next: { name, options: { ...options, offset: offset + shown } } } : {};
}

// control characters and bidi overrides say nothing a reader meant to type
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** what a reader typed, tidied: invisible characters out, spaces folded, Persian digits read as 0–9 */
export const cleanText = (text: string) =>
  asciiDigits(text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim());

/** free text, with the catalogue messages for when it is missing and when it is too long */
export const FreeTextSchema = (messages: { missing: MessageKey; tooLong: MessageKey }) =>
  z
    .string({ error: issue(messages.missing) })
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, issue(messages.missing))
        .max(MAX_TEXT, issue(messages.tooLong, { max: MAX_TEXT })),
    );

const INTEGER = /^[-+]?\d+$/;

/**
 * "central asia 5" → { words: "central asia", count: "5" }; with `countFirst` a count may also come first
 * ("5 tolonews").
 */
export function splitCount(
  text: string,
  options: { countFirst?: boolean } = {},
): { words: string; count?: string } {
  const tokens = cleanText(text).split(' ').filter(Boolean);
  if (options.countFirst && tokens.length && INTEGER.test(tokens[0]!)) {
    return withCount(tokens.slice(1), tokens[0]!);
  }
  if (tokens.length > 1 && INTEGER.test(tokens.at(-1)!))
    return withCount(tokens.slice(0, -1), tokens.at(-1)!);
  return { words: tokens.join(' ') };
}

const withCount = (rest: string[], count: string) => ({ words: rest.join(' '), count });

// --- briefings: subscription options, topic lists, time zones, permissions ---

/** "8:00" or "08:00" → "08:00"; anything else is left for the schema to refuse */
const padTime = (value: unknown) =>
  typeof value === 'string' && /^\d:\d\d$/.test(value) ? `0${value}` : value;

export const TimeOfDaySchema = z.preprocess(
  padTime,
  z.string({ error: issue('args.time') }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, issue('args.timeFormat')),
);

export const ModeSchema = z.enum(['daily', 'live'], { error: issue('args.mode') });

/** longest topic list accepted, in characters */
export const MAX_TOPIC_LIST = 1000;

export const TopicListSchema = z
  .string({ error: issue('args.topicList') })
  .transform(cleanText)
  .pipe(z.string().max(MAX_TOPIC_LIST, issue('args.topicListLong', { max: MAX_TOPIC_LIST })));

const KEYWORDS = new Set(['at', 'tz', 'timezone', 'live', 'daily']);
const TIME_TOKEN = /^\d{1,2}:\d{2}$/;

/**
 * "/subscribe iran central asia at 07:30 tz kabul live" → named options. A zone may take several
 * words ("tz new york"); what is not a keyword or its value is the topic list.
 */
export function splitSubscribeText(text: string): {
  topics?: string;
  time?: string;
  timezone?: string;
  mode?: string;
} {
  const tokens = cleanText(text).split(' ').filter(Boolean);
  const topics: string[] = [];
  const found: { time?: string; timezone?: string; mode?: string } = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const word = token.toLowerCase();
    if (word === 'at') found.time = tokens[++i] ?? '';
    else if (TIME_TOKEN.test(token) && found.time === undefined) found.time = token;
    else if (word === 'live' || word === 'daily') found.mode = word;
    else if (word === 'tz' || word === 'timezone') {
      const rest = tokens.slice(i + 1);
      const length = zoneLength(rest);
      found.timezone = rest.slice(0, length).join(' ');
      i += length;
    } else topics.push(token);
  }
  return { ...(topics.length > 0 && { topics: topics.join(' ') }), ...found };
}

// how many of the next words name the zone: the most (up to three, before a keyword) that resolve, else one
function zoneLength(tokens: readonly string[]): number {
  let words = 0;
  while (words < Math.min(3, tokens.length) && !KEYWORDS.has((tokens[words] as string).toLowerCase()))
    words++;
  for (let length = words; length > 1; length--) {
    if (resolveTimeZone(tokens.slice(0, length).join(' '))) return length;
  }
  return Math.min(1, words);
}

const SEPARATORS = /[,،;]+/;
const FILLERS = new Set(['and', '&', 'و', 'او']);
/** the longest topic name, in words, tried when splitting a list */
const MAX_NAME_WORDS = 5;

/**
 * "iran, central asia and pakistan" or "افغانستان ایران" → topic ids, matching the longest names
 * first; a word that is no topic's name is a UserError with the closest topics.
 */
export function resolveTopicList(text: string, topics: TopicMatcher): string[] {
  const ids: string[] = [];
  for (const chunk of text.split(SEPARATORS)) {
    const tokens = chunk.split(/\s+/).filter((token) => token !== '' && !FILLERS.has(token.toLowerCase()));
    if (tokens.length > MAX_TOPIC_WORDS) {
      throw UserError.say('topics.tooManyWords', { max: MAX_SUBSCRIBED_TOPICS });
    }
    for (let i = 0; i < tokens.length;) {
      const match = longestTopic(tokens, i, topics);
      if (!match) throw unknownTopic(tokens[i] as string, topics);
      ids.push(match.id);
      i = match.end;
    }
  }
  const unique = [...new Set(ids)];
  if (unique.length > MAX_SUBSCRIBED_TOPICS) {
    throw UserError.say('topics.tooMany', { count: unique.length, max: MAX_SUBSCRIBED_TOPICS });
  }
  return unique;
}

const MAX_TOPIC_WORDS = MAX_SUBSCRIBED_TOPICS * MAX_NAME_WORDS;

function longestTopic(tokens: readonly string[], start: number, topics: TopicMatcher) {
  for (let end = Math.min(tokens.length, start + MAX_NAME_WORDS); end > start; end--) {
    const topic = topics.find(tokens.slice(start, end).join(' '));
    if (topic) return { id: topic.id, end };
  }
  return undefined;
}

function unknownTopic(word: string, topics: TopicMatcher): UserError {
  const closest = topics.suggest(word, 3).map(topicChoice);
  return closest.length > 0
    ? UserError.say('topics.unknownSuggest', { word, list: closest })
    : UserError.say('topics.unknown', { word });
}

/** an IANA zone from what the reader typed, or a UserError naming the closest zones */
export function zoneFrom(text: string): string {
  const zone = resolveTimeZone(text);
  if (zone) return zone;
  const closest = suggestTimeZones(text, 3);
  throw closest.length > 0
    ? UserError.say('zone.unknownSuggest', { zone: text, list: closest })
    : UserError.say('zone.unknown', { zone: text });
}

/** refuses a change to the chat's briefings (or, with `what`, its sources or language) from someone
 *  who may not manage the chat */
export function requireManage(
  context: CommandContext,
  what: MessageKey & `manage.${string}` = 'manage.briefings',
): void {
  if (context.canManage === false) throw UserError.say(what);
}
