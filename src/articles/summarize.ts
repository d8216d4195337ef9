// an extractive summary: the first one or two sentences of a lede or body, without feed
// boilerplate, on one line and within a length budget. a first sentence longer than the budget is
// cut at a word, with "…"; a word is never cut.
import { isClosedSentence, splitSentences } from './sentences.js';
import { isCleanLine } from './whitespace.js';

const ELLIPSIS = '…';
const MAX_SENTENCES = 2;
// a paragraph of at most this many words and no sentence mark, before the first sentence, is a
// heading, a label or a byline ("Latest News", "By Ahmad Shah"): skipped
const HEADING_WORDS = 8;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const SPACING = /\s{2,}|[^\S ]/g;
const PARAGRAPH_BREAK = /\n[^\S\n]*\n/;

// boilerplate that feeds append to their excerpts (wordpress and friends), each behind a cheap test
const POST_APPEARED = /^The post .{1,300}? appeared first on .{1,200}?\.?\s*$/i;
const READ_MORE = /continue reading|read more|read the full|ادامه|بیشتر بخوانید|نور ولولئ/i;
// part of every READ_MORE phrase, found much faster: most text has none, and skips the full test
const READ_MORE_HINT = /ead|ادامه|بیشتر بخوانید|نور ولولئ/i;
const READ_MORE_TRAILER =
  /\s*(?:Continue reading|Read more|Read the full (?:story|article)|ادامه (?:مطلب|خبر)|بیشتر بخوانید|نور ولولئ)(?![\p{L}\p{M}]).{0,120}$/iu;
const ELLIPSIS_TRAILER = /\s*\[(?:…|\.\.\.|&hellip;|&#8230;)\]\s*$/;

// a label copied from a page at the start of the text: "Published on September 24, 2025 –"
const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY = '(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\\.?,?\\s+)?';
const DATE = `(?:${DAY}(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}))`;
const TIME = '(?:\\d{1,2}[:.]\\d{2}(?:\\s*[AaPp]\\.?[Mm]\\.?)?(?:\\s+(?:GMT|UTC|AFT|EST|EDT|CET|IST)\\b)?)';
const WHEN = `(?:${DATE}(?:,?\\s+(?:at\\s+)?${TIME})?|${TIME})`;
const LABEL_END = '\\s*(?:[:|,\\-–—]\\s*)?';
// "Published on" goes with or without a date; "Posted on" only with one ("Posted on social media, …")
const LEADING_LABEL = new RegExp(
  `^(?:(?:[Pp]ublished|PUBLISHED|[Uu]pdated|UPDATED|[Ll]ast [Uu]pdated)(?:\\s+on\\b|\\s*:)\\s*${WHEN}?` +
    `|(?:[Pp]osted|POSTED)(?:\\s+on\\b|\\s*:)\\s*${WHEN})${LABEL_END}`,
);
const LABEL_START = /^[PpUuLl]/;
const BREAKING_START = /^[BUWE]/;
const BREAKING =
  /^(?:BREAKING(?: NEWS)?|Breaking(?: [Nn]ews)?|UPDATE|Update|WATCH|Watch|EXCLUSIVE)\s*[:|\-–—]\s+/;
// a dateline, dropped: the digest shows the outlet already, and the place is nearly always in the
// sentence. "KABUL (Reuters) -", "KABUL, Afghanistan (AP) —", "KABUL —", "Kabul (Pajhwok):", "کابل (پژواک):"
const CAPS_WORD = "\\p{Lu}[\\p{Lu}'’.\\-]+";
const NAME_WORD = "\\p{Lu}[\\p{L}'’.\\-]+";
const REGION = `(?:,\\s*${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})?`;
const AGENCY = '\\(\\p{Lu}[^()]{0,30}\\)';
const DATELINE = new RegExp(
  `^(?:${CAPS_WORD}(?:\\s+${CAPS_WORD}){0,2}${REGION}\\s*(?:${AGENCY}\\s*)?[-–—]` +
    `|${NAME_WORD}(?:\\s+${NAME_WORD}){0,2}${REGION}\\s*${AGENCY}\\s*[-–—:]` +
    `|[\\p{Script=Arabic}\\u200c]+(?:\\s+[\\p{Script=Arabic}\\u200c]+){0,2}\\s*\\([^()]{1,30}\\)\\s*[-–—:])\\s+`,
  'u',
);

// a sentence that is boilerplate: the summary stops there (or, before any sentence, skips it)
const BOILERPLATE = new RegExp(
  '^(?:continue reading|read (?:more|the full|full)|share (?:this|on)\\b|like this:|' +
    'follow us\\b|subscribe (?:to|now)\\b|related(?: posts| articles| news| stories)?:|' +
    'advertisement$|sponsored$|(?:published|updated|posted)(?: on)?$|\\(more…\\)|' +
    'the post .* appeared first on|ادامه (?:مطلب|خبر)|بیشتر بخوانید|نور ولولئ)',
  'i',
);

function withoutTrailers(text: string): string {
  let clean = text;
  const post = clean.lastIndexOf('The post ');
  if (post !== -1 && POST_APPEARED.test(clean.slice(post))) clean = clean.slice(0, post).trimEnd();
  if (READ_MORE_HINT.test(clean) && READ_MORE.test(clean)) clean = clean.replace(READ_MORE_TRAILER, '');
  if (clean.endsWith(']')) clean = clean.replace(ELLIPSIS_TRAILER, '');
  return clean;
}

function withoutLabels(text: string): string {
  let clean = text;
  if (LABEL_START.test(clean)) clean = clean.replace(LEADING_LABEL, '');
  if (BREAKING_START.test(clean)) clean = clean.replace(BREAKING, '');
  // every dateline has two capitals at the start or a "(" (the agency): most text has neither
  const second = clean.charCodeAt(1);
  if (second >= 97 && second <= 122 && clean.indexOf('(') === -1) return clean;
  return clean.replace(DATELINE, '');
}

function line(paragraph: string): string {
  return paragraph.replace(SPACING, ' ').trim();
}

// whitespace folded to one space, except that a blank line stays a paragraph break. text that is
// already one clean line (what the feed normaliser hands over) is recognised in one scan
function fold(text: string): string {
  if (isCleanLine(text)) return text;
  const clean = CONTROL.test(text) ? text.replace(CONTROLS, '') : text;
  if (!PARAGRAPH_BREAK.test(clean)) return line(clean);
  return clean.split(PARAGRAPH_BREAK).map(line).filter(Boolean).join('\n\n');
}

function cutAtWord(text: string, maxChars: number): string {
  const room = text.slice(0, maxChars - ELLIPSIS.length + 1);
  const lastSpace = room.lastIndexOf(' ');
  // text without spaces (cjk, or one huge token) is cut where it must be, keeping surrogate pairs whole
  const cut = lastSpace > 0 ? room.slice(0, lastSpace) : Array.from(room).slice(0, -1).join('');
  const trimmed = cut.replace(/[\s,;:\-–—(،؛]+$/u, '');
  return trimmed + ELLIPSIS;
}

function isHeading(sentence: string): boolean {
  return !isClosedSentence(sentence) && sentence.split(' ').length <= HEADING_WORDS;
}

// the first sentences worth showing: headings and boilerplate before them skipped, boilerplate after them dropped
function openingSentences(text: string): string[] {
  const sentences = splitSentences(text, 8);
  const opening: string[] = [];
  for (let index = 0; index < sentences.length; index++) {
    const sentence = sentences[index] ?? '';
    const last = index === sentences.length - 1;
    if (BOILERPLATE.test(sentence)) {
      if (opening.length > 0) break;
      continue;
    }
    if (opening.length === 0 && !last && isHeading(sentence)) continue;
    // a second sentence must be one, not a caption or a label (unless it is all that is left),
    // and must not run on from an unfinished first one
    if (opening.length > 0 && !isClosedSentence(opening[0] ?? '')) break;
    if (opening.length > 0 && !last && !isClosedSentence(sentence)) break;
    opening.push(sentence);
    if (opening.length === MAX_SENTENCES) break;
  }
  return opening;
}

/**
 * The first one or two sentences of a text, on one line, at most maxChars long: the second only if
 * it fits, the first cut at a word with "…" if it does not. Feed boilerplate ("Published on …",
 * "Continue reading", "The post … appeared first on …") and a leading dateline are dropped.
 */
export function summarize(text: string, maxChars = 300): string {
  // only the head of a long text can end up in the summary: skip folding the rest
  const window = maxChars * 8;
  const head =
    text.length > window ? text.slice(0, text.slice(0, window).search(/\s\S*$/) + 1 || window) : text;
  const clean = withoutLabels(withoutTrailers(fold(head))).trim();
  const [first, second] = openingSentences(clean);
  if (first === undefined) return '';
  if (first.length > maxChars) return cutAtWord(first, maxChars);
  if (second !== undefined && first.length + 1 + second.length <= maxChars) return `${first} ${second}`;
  return first;
}
