// right-to-left replies next to Latin names, numbers, command names and links, and the reverse: the one
// place that decides where Unicode isolates (FSI U+2068 … PDI U+2069) go. Renderers call it on plain
// text, before escaping, so an isolate never lands inside an HTML entity and is counted in every length.
import type { Direction } from './locale.js';

export const FSI = '\u2068';
export const PDI = '\u2069';

// letters only: Arabic-script commas and Eastern digits are weak, they take the direction around them
const RTL_LETTER =
  /(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
// Latin, Greek and Cyrillic letters: the left-to-right scripts news here comes in
const LTR_LETTER = /(?=\p{L})[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
// European digits in right-to-left words are a command's arguments ("/latest 10", "at 07:30")
const ASCII_DIGIT = /[0-9]/;
// a client's link detection could take a closing isolate for part of the address: addresses stay bare
const ADDRESS = /^(?:https?:\/\/|www\.)/i;
// quotes and brackets that open or close a run stay outside it, and so do trailing stops and commas
const OPENERS = /^[(«"“'[]+/;
const CLOSERS = /[)»"”'\].,،؛:;!?؟]+$/;
// a run never continues past a word ending in right-to-left punctuation ("/latest، /topic") or a
// bracket, nor into a word opening one: brackets pair up in the direction of the line around them
const ENDS_RUN = /[،؛؟)»\]]$/;
const STARTS_RUN = /^[(«[]/;

const letters = (direction: Direction) => (direction === 'rtl' ? RTL_LETTER : LTR_LETTER);
const other = (direction: Direction): Direction => (direction === 'rtl' ? 'ltr' : 'rtl');

/** whether `text` holds any letter of `direction` */
export const hasLettersOf = (text: string, direction: Direction): boolean => letters(direction).test(text);

/**
 * Text from outside (a headline, an outlet's name, a summary) set into a message of direction `base`:
 * wrapped whole in FSI … PDI when it holds letters of the other direction, so it keeps its own.
 */
export function isolateField(text: string, base: Direction): string {
  return text !== '' && hasLettersOf(text, other(base)) ? FSI + text + PDI : text;
}

type Kind = 'base' | 'other' | 'neutral' | 'address';

/**
 * The bot's own words in direction `base`, line by line: each run of words of the other direction (a
 * Latin name in Dari, a command with its arguments, a Dari word in English) wrapped in FSI … PDI.
 * Lines with nothing of the other direction, and web addresses, are left as they are.
 */
export function isolateRuns(text: string, base: Direction): string {
  const foreign = other(base);
  if (!hasLettersOf(text, foreign)) return text;
  return text
    .split('\n')
    .map((line) => isolateLine(line, base, foreign))
    .join('\n');
}

function isolateLine(line: string, base: Direction, foreign: Direction): string {
  if (!hasLettersOf(line, foreign)) return line;
  // words at even indexes, the spaces between them at odd ones
  const parts = line.split(/(\s+)/);
  const kind = (word: string): Kind =>
    ADDRESS.test(word)
      ? 'address'
      : hasLettersOf(word, base)
        ? 'base'
        : hasLettersOf(word, foreign) || (foreign === 'ltr' && ASCII_DIGIT.test(word))
          ? 'other'
          : 'neutral';
  const kinds = parts.map((part, index) => (index % 2 === 0 ? kind(part) : 'neutral'));
  for (let start = 0; start < parts.length; start += 2) {
    if (kinds[start] !== 'other') continue;
    // the run ends at the last foreign word before a word of the base direction or an address
    let end = start;
    for (let next = start + 2; next < parts.length && !ENDS_RUN.test(parts[end] ?? ''); next += 2) {
      if (kinds[next] === 'base' || kinds[next] === 'address' || STARTS_RUN.test(parts[next] ?? '')) break;
      if (kinds[next] === 'other') end = next;
    }
    wrapRun(parts, start, end);
    start = end;
  }
  return parts.join('');
}

// puts FSI before the first word of the run and PDI after its last, outside quotes and stops
function wrapRun(parts: string[], start: number, end: number): void {
  const first = parts[start] ?? '';
  const opener = OPENERS.exec(first)?.[0] ?? '';
  parts[start] = opener + FSI + first.slice(opener.length);
  const last = parts[end] ?? '';
  const closer = CLOSERS.exec(last)?.[0] ?? '';
  // a closer that is the whole word (a lone ")") stays inside: there is nothing left to close
  const cut = closer.length === last.length ? last.length : last.length - closer.length;
  parts[end] = last.slice(0, cut) + PDI + last.slice(cut);
}
