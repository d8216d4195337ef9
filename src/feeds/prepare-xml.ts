// checks done before an xml feed reaches the parser: find the root element, drop the doctype
// (its entity declarations are never expanded: no entity bombs), and refuse a truncated document.
import { FeedError } from '../errors.js';

export interface PreparedXml {
  xml: string;
  /** the root element's local name, lower case: "rss", "feed", "rdf", … */
  root: string;
  /** the root's start tag as written, attributes included */
  rootTag: string;
}

function skipDoctype(text: string, start: number): number {
  // <!DOCTYPE name ... [ internal subset ] >: quotes and the subset may hold ">"
  let inSubset = false;
  for (let i = start + 9; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 || ch === 39) {
      const close = text.indexOf(ch === 34 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      i = close;
    } else if (ch === 91 /* [ */) inSubset = true;
    else if (ch === 93 /* ] */) inSubset = false;
    else if (ch === 62 /* > */ && !inSubset) return i + 1;
    else if (inSubset && ch === 60 && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) return -1;
      i = close + 2;
    }
  }
  return -1;
}

function preview(text: string, at: number): string {
  const sample = text.slice(at, at + 40).replace(/\s+/g, ' ');
  return JSON.stringify(sample + (text.length > at + 40 ? '…' : ''));
}

/** Finds the root and removes the doctype; throws FeedError for text that is not xml or is cut short. */
export function prepareXml(text: string, where: string): PreparedXml {
  let i = 0;
  let doctype: [number, number] | undefined;
  for (;;) {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
    if (text.charCodeAt(i) !== 60) {
      if (i >= text.length) throw new FeedError(`Feed ${where} is not a feed: the document is empty`);
      throw new FeedError(`Feed ${where} is not a feed: it starts with ${preview(text, i)}`);
    }
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) throw new FeedError(`Feed ${where} is truncated: it ends inside its XML declaration`);
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) throw new FeedError(`Feed ${where} is truncated: it ends inside a comment`);
      i = end + 3;
    } else if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      const end = skipDoctype(text, i);
      if (end === -1) throw new FeedError(`Feed ${where} is truncated: it ends inside its DOCTYPE`);
      doctype = [i, end];
      i = end;
    } else break;
  }
  const nameMatch = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
  if (!nameMatch) throw new FeedError(`Feed ${where} is not a feed: it starts with ${preview(text, i)}`);
  const qualified = nameMatch[1] ?? '';
  const root = qualified.slice(qualified.lastIndexOf(':') + 1).toLowerCase();
  let xml = doctype ? text.slice(0, doctype[0]) + text.slice(doctype[1]) : text;
  xml = ensureRootClosed(xml, qualified, where);
  const tagEnd = text.indexOf('>', i);
  const rootTag = text.slice(i, tagEnd === -1 ? i + 200 : Math.min(tagEnd + 1, i + 4096));
  return { xml, root, rootTag };
}

// the root's end tag must be there; one that lost only its final ">" is mended
function ensureRootClosed(xml: string, qualified: string, where: string): string {
  let end = xml.lastIndexOf(`</${qualified}`);
  if (end === -1) {
    const tail = xml.slice(-65_536);
    const match = new RegExp(`</${qualified.replace(/[.]/g, '\\.')}(?![\\w.:-])`, 'ig').exec(tail);
    end = match ? xml.length - tail.length + match.index : -1;
  }
  if (end === -1) {
    const selfClosed = new RegExp(`^\\s*(?:<[?!][^>]*>\\s*)*<${qualified}[^>]*/>`).test(xml.slice(0, 4096));
    if (selfClosed) return xml;
    throw new FeedError(`Feed ${where} is truncated: it ends before </${qualified}>`);
  }
  const rest = xml.slice(end + qualified.length + 2);
  if (/^\s*$/.test(rest)) return `${xml.trimEnd()}>`;
  return xml;
}
