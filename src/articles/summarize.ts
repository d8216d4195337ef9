// a short summary: clean text cut after the last whole sentence that fits, never mid-word.

const ELLIPSIS = '…';

// boilerplate that feeds append to their excerpts (wordpress and friends), each behind a cheap test
const POST_APPEARED = /^The post .{1,300}? appeared first on .{1,200}?\.?\s*$/i;
const READ_MORE = /continue reading|read more|read the full/i;
const READ_MORE_TRAILER = /\s*(?:Continue reading|Read more|Read the full (?:story|article))\b.{0,120}$/i;
const ELLIPSIS_TRAILER = /\s*\[(?:…|\.\.\.|&hellip;|&#8230;)\]\s*$/;

function withoutTrailers(text: string): string {
  let clean = text;
  const post = clean.lastIndexOf('The post ');
  if (post !== -1 && POST_APPEARED.test(clean.slice(post))) clean = clean.slice(0, post).trimEnd();
  if (READ_MORE.test(clean)) clean = clean.replace(READ_MORE_TRAILER, '');
  if (clean.endsWith(']')) clean = clean.replace(ELLIPSIS_TRAILER, '');
  return clean;
}
// a "Published on …" label copied from a page at the start of the text
const LEADING_LABEL = /^(?:Published|Updated)(?:\s+on\b|\s*:)\s*/i;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const SPACING = /\s{2,}|[^\S ]/g;

// common abbreviations whose period does not end a sentence
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'vs',
  'etc',
  'gen',
  'gov',
  'sen',
  'rep',
  'lt',
  'col',
  'capt',
  'sgt',
  'no',
  'inc',
  'ltd',
  'co',
  'corp',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'e.g',
  'i.e',
]);

// a sentence ends with . ! ? … (or their arabic-script and cjk forms), maybe closing quotes or brackets
const SENTENCE_END = /[.!?…؟۔。！？]+["'”’»)\]]*(?=\s|$)/g;

function isSentenceEnd(text: string, end: number, markStart: number): boolean {
  const next = text.slice(end).trimStart().charAt(0);
  if (next === '') return true;
  // "…the U.S. president" and "e.g. this": the next word starts lower case
  if (/\p{Ll}/u.test(next)) return false;
  if (text.charAt(markStart) !== '.') return true;
  const wordStart = text.lastIndexOf(' ', markStart - 1) + 1;
  const word = text.slice(wordStart, markStart).toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  // initials such as "U.S." or "J."
  return !/^(?:\p{L}\.)*\p{L}$/u.test(word);
}

function cutAtWord(text: string, maxChars: number): string {
  const room = text.slice(0, maxChars - ELLIPSIS.length + 1);
  const lastSpace = room.lastIndexOf(' ');
  // text without spaces (cjk, or one huge token) is cut where it must be, keeping surrogate pairs whole
  const cut = lastSpace > 0 ? room.slice(0, lastSpace) : Array.from(room).slice(0, -1).join('');
  const trimmed = cut.replace(/[\s,;:\-–—(]+$/u, '');
  return trimmed + ELLIPSIS;
}

/** Clean text folded to one line, at most maxChars, cut at a sentence boundary (or a word boundary plus "…"). */
export function summarize(text: string, maxChars = 300): string {
  // only the head of a long text can end up in the summary: skip folding the rest
  const window = maxChars * 8;
  const head =
    text.length > window ? text.slice(0, text.slice(0, window).search(/\s\S*$/) + 1 || window) : text;
  let clean = (CONTROL.test(head) ? head.replace(CONTROLS, '') : head).replace(SPACING, ' ').trim();
  clean = withoutTrailers(clean);
  if (/^[PU]/i.test(clean)) clean = clean.replace(LEADING_LABEL, '');
  clean = clean.trim();
  if (clean.length <= maxChars) return clean;
  let best = -1;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(clean); match; match = SENTENCE_END.exec(clean)) {
    const end = match.index + match[0].length;
    if (end > maxChars) break;
    if (isSentenceEnd(clean, end, match.index)) best = end;
  }
  if (best > 0) return clean.slice(0, best);
  return cutAtWord(clean, maxChars);
}
