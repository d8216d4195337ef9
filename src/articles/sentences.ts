// sentence splitting on rules, for english, dari and pashto news text. a sentence ends at . ! ? …
// (and their arabic-script and cjk forms), after any closing quotes or brackets, when what follows
// opens a sentence: not after "Mr." or "U.S. President", not inside "3.5" or "U.S.-based", not
// before a lower-case word. a blank line always ends one. the arabic comma and semicolon (، ؛)
// never do.
import { AMBIGUOUS, BEFORE_NUMBER, SENTENCE_STARTERS, TITLES } from './abbreviations.js';
import { isWhitespace } from './whitespace.js';

const MARKS = /[.!?…؟۔。！？‼⁇⁈⁉]+/gu;
const CLOSERS = /["'”’»›)\]}」』\u200e\u200f\u061c]*/uy;
const OPENERS = /^["'“‘«‹([¿¡\u200e\u200f\u061c]+/u;
const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/g;
const NEXT_WORD = /\S+/y;
const ARABIC_LETTER = /^(?=\p{L})\p{Script=Arabic}$/u;
// "ه.ش" (solar hijri) or "م" (ad) before a period: a date abbreviation, mid-sentence in dari and pashto
const ARABIC_INITIALS = /^(?=\p{L})\p{Script=Arabic}\u200d?(?:\.(?=\p{L})\p{Script=Arabic}\u200d?)*$/u;
const INITIALS = /^(?:\p{L}\.)+\p{L}$/u;
const ARABIC_MARK = /[؟۔]/u;
const CJK_MARK = /[。！？]/u;
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;
const LEADING_LETTERS = /^\p{L}+/u;
const LOWER_CASE = /\p{Ll}/u;
const DIGIT = /\p{N}/u;
const CAPITAL = /^\p{Lu}$/u;
const CLOSED = /[.!?…؟۔。！？‼⁇⁈⁉]["'”’»›)\]}」』\u200e\u200f\u061c]*$/u;

// ascii and the common unicode spaces, without a regex test per character
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x3000
  );
}

// nothing but whitespace (as trim() reads it) in text[from, to)
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
}

function wordBefore(text: string, markStart: number): string {
  let start = markStart;
  while (start > 0 && !isSpace(text.charCodeAt(start - 1))) start -= 1;
  return text.slice(start, markStart).replace(OPENERS, '');
}

function firstChar(word: string): string {
  return String.fromCodePoint(word.codePointAt(0) ?? 32);
}

// "…است.این" (no space after the period) ends a sentence between two arabic-script words
function endsBeforeJoinedWord(text: string, markStart: number, mark: string, end: number): boolean {
  if (!ARABIC_LETTER.test(firstChar(text.slice(end, end + 2)))) return false;
  if (ARABIC_MARK.test(mark)) return true;
  const before = wordBefore(text, markStart);
  return Array.from(before).length >= 2 && ARABIC_LETTER.test(Array.from(before).pop() ?? '');
}

// what follows a period after an abbreviation or an initial: a new sentence only if it starts like one
function startsLikeSentence(word: string, opened: boolean): boolean {
  if (opened) return true;
  if (!LATIN_OR_DIGIT.test(firstChar(word))) return true;
  const head = LEADING_LETTERS.exec(word)?.[0].toLowerCase();
  return head !== undefined && SENTENCE_STARTERS.has(head);
}

function opensSentence(text: string, markStart: number, mark: string, next: number): boolean {
  NEXT_WORD.lastIndex = next;
  const token = NEXT_WORD.exec(text)?.[0] ?? '';
  const opener = OPENERS.exec(token)?.[0] ?? '';
  const word = token.slice(opener.length);
  const first = firstChar(word);
  if (LOWER_CASE.test(first)) return false;
  if (mark !== '.') return true;
  const before = wordBefore(text, markStart);
  const lower = before.toLowerCase();
  if (TITLES.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower) && DIGIT.test(first)) return false;
  if (ARABIC_INITIALS.test(before)) return false;
  if (AMBIGUOUS.has(lower) || CAPITAL.test(before) || INITIALS.test(before)) {
    return startsLikeSentence(word, opener !== '');
  }
  return true;
}

// where the sentence ends if the mark at markStart..markEnd ends one, else -1
function sentenceEnd(text: string, start: number, markStart: number, markEnd: number): number {
  // "…and so" at the start of a sentence does not end it
  if (isBlank(text, start, markStart)) return -1;
  CLOSERS.lastIndex = markEnd;
  CLOSERS.exec(text);
  const end = CLOSERS.lastIndex;
  if (end >= text.length) return end;
  const mark = text.slice(markStart, markEnd);
  if (CJK_MARK.test(mark)) return end;
  if (!isWhitespace(text.charCodeAt(end))) return endsBeforeJoinedWord(text, markStart, mark, end) ? end : -1;
  let next = end;
  while (next < text.length && isSpace(text.charCodeAt(next))) next += 1;
  if (next >= text.length) return end;
  return opensSentence(text, markStart, mark, next) ? end : -1;
}

function splitParagraph(paragraph: string, into: string[], limit: number): void {
  MARKS.lastIndex = 0;
  let start = 0;
  for (let match = MARKS.exec(paragraph); match && into.length < limit; match = MARKS.exec(paragraph)) {
    const end = sentenceEnd(paragraph, start, match.index, match.index + match[0].length);
    if (end === -1) continue;
    const sentence = paragraph.slice(start, end).trim();
    if (sentence !== '') into.push(sentence);
    start = end;
    MARKS.lastIndex = Math.max(MARKS.lastIndex, end);
  }
  const rest = paragraph.slice(start).trim();
  if (rest !== '' && into.length < limit) into.push(rest);
}

/** The sentences of a text in order, each trimmed, at most `limit` of them; a blank line ends one too. */
export function splitSentences(text: string, limit = Infinity): string[] {
  const sentences: string[] = [];
  // the shared /g regexes are safe: nothing here is re-entered
  const breaks = PARAGRAPH_BREAK;
  breaks.lastIndex = 0;
  let start = 0;
  for (let match = breaks.exec(text); match && sentences.length < limit; match = breaks.exec(text)) {
    splitParagraph(text.slice(start, match.index), sentences, limit);
    start = match.index + match[0].length;
  }
  if (sentences.length < limit) splitParagraph(text.slice(start), sentences, limit);
  return sentences;
}

/** True when a sentence ends with a sentence mark (maybe followed by closing quotes or brackets). */
export function isClosedSentence(sentence: string): boolean {
  return CLOSED.test(sentence);
}
