// html (or text that may hold some) → clean text: tags dropped, the content of script-like
// elements dropped, entities decoded, whitespace (paragraph breaks included) folded to one space.
// one forward scan, no backtracking; whitespace at the edges of tags and text runs is folded as the
// text is gathered, so the usual result is a clean line that one test of the whole line confirms.
import { decodeHTML } from 'entities';
import { isCleanLine, isWhitespace } from '../articles/whitespace.js';

// elements whose content is never text a reader should see
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'applet', 'head']);

// elements that end a paragraph, a line or a cell: their words must not run into the next ones
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'hr',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
  'tr',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'nav',
  'figure',
  'figcaption',
  'address',
  'body',
  'main',
  'form',
  'fieldset',
  'details',
  'summary',
  'td',
  'th',
]);

const HIDDEN_CLOSE = new Map([...HIDDEN].map((name) => [name, new RegExp(`</${name}\\s*>`, 'ig')]));

// the names above by length, so a tag's name is matched in place instead of sliced out and looked up
const KNOWN_BY_LENGTH: string[][] = [];
for (const name of [...BLOCK, ...HIDDEN]) (KNOWN_BY_LENGTH[name.length] ??= []).push(name);

/** The block or hidden element named html[start, end), in any case, as its lower-case name. */
function knownElement(html: string, start: number, end: number): string | undefined {
  const candidates = KNOWN_BY_LENGTH[end - start];
  if (candidates === undefined) return undefined;
  for (const name of candidates) {
    let i = 0;
    for (; i < name.length; i++) {
      const code = html.charCodeAt(start + i);
      if ((code >= 65 && code <= 90 ? code + 32 : code) !== name.charCodeAt(i)) break;
    }
    if (i === name.length) return name;
  }
  return undefined;
}

function decode(text: string): string {
  return text.indexOf('&') === -1 ? text : decodeHTML(text);
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isNameChar(code: number): boolean {
  return (
    isLetter(code) || (code >= 48 && code <= 57) || code === 45 || code === 58 || code === 95 || code === 46
  );
}

// index of the ">" that ends a tag, skipping quoted attribute values; -1 if none
function tagEnd(html: string, from: number): number {
  for (let i = from; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (code === 62) return i;
    if (code === 34 || code === 39) {
      const close = html.indexOf(code === 34 ? '"' : "'", i + 1);
      if (close === -1) return html.indexOf('>', i);
      i = close;
    }
  }
  return -1;
}

// the text between tags, gathered so that the whitespace at the edges of each piece (and at the
// edges of blocks) becomes one space between words: the result is most often a clean line already.
// a piece is trimmed where it stands in the html and sliced once; only one with an entity is decoded
class SpacedText {
  text = '';
  private gap = false;
  /** the next "&" in the html at or after the text last added: text before it has no entity */
  private amp: number;

  constructor(private readonly html: string) {
    this.amp = html.indexOf('&');
  }

  space(): void {
    this.gap = true;
  }

  /** Adds source[from, to) as it is, its edge whitespace kept as a gap before the next word. */
  addRange(source: string, from: number, to: number): void {
    let start = from;
    let end = to;
    while (start < end && isWhitespace(source.charCodeAt(start))) start++;
    if (start === end) {
      if (end > from) this.gap = true;
      return;
    }
    while (isWhitespace(source.charCodeAt(end - 1))) end--;
    this.join(source.slice(start, end), start > from);
    this.gap = end < to;
  }

  /** Adds html[from, to) as text, its entities decoded. */
  addText(from: number, to: number): void {
    const html = this.html;
    if (this.amp !== -1 && this.amp < from) this.amp = html.indexOf('&', from);
    if (this.amp === -1 || this.amp >= to) {
      this.addRange(html, from, to);
      return;
    }
    const decoded = decodeHTML(html.slice(from, to));
    this.addRange(decoded, 0, decoded.length);
  }

  private join(kept: string, spaceBefore: boolean): void {
    if (this.text === '') this.text = kept;
    else this.text += this.gap || spaceBefore ? ` ${kept}` : kept;
  }
}

/** Removes markup, keeping words apart where blocks end, and decodes the entities of the text. */
function stripTags(html: string): string {
  const out = new SpacedText(html);
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out.addText(i, n);
      break;
    }
    if (lt > i) out.addText(i, lt);
    const next = html.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (html.startsWith('<!--', lt)) {
        const end = html.indexOf('-->', lt + 4);
        i = end === -1 ? n : end + 3;
      } else if (html.startsWith('<![CDATA[', lt) && html.indexOf(']]>', lt + 9) !== -1) {
        const end = html.indexOf(']]>', lt + 9);
        out.addRange(html, lt + 9, end);
        i = end + 3;
      } else {
        // a declaration; one that never ends is text ("<!DOCTYPE" on its own)
        const end = html.indexOf('>', lt + 2);
        if (end === -1) out.addText(lt, n);
        i = end === -1 ? n : end + 1;
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const end = html.indexOf('>', lt + 2);
      i = end === -1 ? n : end + 1;
      continue;
    }
    const closing = next === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    if (!isLetter(html.charCodeAt(nameStart))) {
      out.addRange(html, lt, lt + 1); // a lone "<", as in "a < b"
      i = lt + 1;
      continue;
    }
    // the local name (after any prefix), matched where it stands
    let localStart = nameStart;
    let nameEnd = nameStart;
    for (
      let code = html.charCodeAt(nameEnd);
      nameEnd < n && isNameChar(code);
      code = html.charCodeAt(++nameEnd)
    ) {
      if (code === 58) localStart = nameEnd + 1;
    }
    const end = tagEnd(html, nameEnd);
    if (end === -1) break; // an unterminated tag: the rest is not text
    const name = knownElement(html, localStart, nameEnd);
    i = end + 1;
    if (name === undefined) continue;
    if (BLOCK.has(name)) out.space();
    const hiddenClose = closing ? undefined : HIDDEN_CLOSE.get(name);
    if (hiddenClose && html.charCodeAt(end - 1) !== 47) {
      // skip to the end tag; an element that is never closed hides nothing
      hiddenClose.lastIndex = i;
      const close = hiddenClose.exec(html);
      if (close) i = close.index + close[0].length;
    }
  }
  return out.text;
}

// c1 controls in text are windows-1252 characters decoded as latin-1 ("don\u0092t" → "don’t")
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const HAS_C1 = /[\u0080-\u009F]/;
const C1 = /[\u0080-\u009F]/g;

function demoronize(text: string): string {
  return HAS_C1.test(text) ? text.replace(C1, (ch) => WINDOWS_1252_C1.charAt(ch.charCodeAt(0) - 0x80)) : text;
}

// whitespace worth replacing: runs of two or more, or any single one that is not a space
// (single spaces, the common case, are left alone: far fewer replacements)
const SPACING = /\s{2,}|[^\S ]/g;

/** Plain text on one line: whitespace folded to one space. */
export function foldLine(text: string): string {
  if (isCleanLine(text)) return text;
  return demoronize(text.replace(SPACING, ' ').trim());
}

/** Clean text of an html fragment: no markup, entities decoded, whitespace folded to one space. */
export function htmlToText(html: string): string {
  // one cleanliness test on the whole line costs far less than one per piece of text
  return foldLine(html.indexOf('<') === -1 ? decode(html) : stripTags(html));
}
