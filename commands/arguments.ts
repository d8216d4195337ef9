// shared pieces of command arguments: counts, free text, and splitting "central asia 5".
import { z } from 'zod';

export const DEFAULT_COUNT = 5;
export const MAX_COUNT = 25;
/** longer free text is a mistake or an attack; either way we do not search it */
export const MAX_TEXT = 100;

export const CountSchema = z.coerce
  .number({ error: `the count must be a number from 1 to ${MAX_COUNT}` })
  .int(`the count must be a whole number from 1 to ${MAX_COUNT}`)
  .min(1, `the count must be from 1 to ${MAX_COUNT}`)
  .max(MAX_COUNT, `the count must be from 1 to ${MAX_COUNT}`)
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

export const cleanText = (text: string) => text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();

export const FreeTextSchema = (what: string) =>
  z
    .string({ error: `give a ${what}` })
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, `give a ${what}`)
        .max(MAX_TEXT, `the ${what} is too long (at most ${MAX_TEXT} characters)`),
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
