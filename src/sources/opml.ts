// OPML in and out with feedsmith: the outlines a reader imports, and a chat's sources exported.
// a page source goes out as <outline type="page" url="…"> so an export imports back whole.
import { generateOpml, parseOpml, type Opml } from 'feedsmith';
import { FeedError, UserError } from '../errors.js';
import { decodeFeedBytes } from '../feeds/decode-feed-bytes.js';
import { prepareXml } from '../feeds/prepare-xml.js';
import { sizeLimit } from '../i18n/file-words.js';
import { said, t, type Said } from '../i18n/translate.js';
import type { ChatSource } from './chat-source.js';

export const MAX_OPML_BYTES = 5 * 1024 * 1024;
/** outlines read from one document; more are counted, not read */
export const MAX_OPML_OUTLINES = 1000;
const MAX_DEPTH = 20;

export interface OpmlOutline {
  /** as written: checked by the importer */
  url: string;
  kind: 'feed' | 'page';
  name?: string;
  language?: string;
}

export interface OpmlReading {
  title?: string;
  outlines: OpmlOutline[];
  /** outlines with a feed (or page) address beyond MAX_OPML_OUTLINES */
  dropped: number;
}

type Outline = Opml.Outline<string>;

/** where an OPML document came from, as the reader is told: its url, or an attached file (file-words) */
export type OpmlOrigin = string | Said;

/**
 * The feed outlines (xmlUrl) and page outlines of an OPML document, nested ones included, in order.
 * Throws a UserError naming `file` that says, in the reader's language, why it is not OPML.
 */
export function readOpml(bytes: Uint8Array, file: OpmlOrigin, contentType?: string): OpmlReading {
  if (bytes.byteLength > MAX_OPML_BYTES) {
    throw UserError.say('opml.tooBig', { file, max: sizeLimit(MAX_OPML_BYTES) });
  }
  // the parsers' messages (English, for the log) name the document like this
  const where = typeof file === 'string' ? file : t('en', file.key, file.values);
  let document: Opml.Document<string>;
  let root: string | undefined;
  try {
    const { text } = decodeFeedBytes(bytes, contentType, where);
    const prepared = prepareXml(text, where);
    root = prepared.root;
    if (root !== 'opml') throw new FeedError(`${where} is XML with a <${root}> root, not <opml>`);
    document = parseOpml(prepared.xml);
  } catch (error) {
    const problem = notOpml(error, file, root);
    throw UserError.say(problem.key, problem.values, { cause: error });
  }
  const reading: OpmlReading = { outlines: [], dropped: 0 };
  const title = document.head?.title?.replace(/\s+/g, ' ').trim();
  if (title) reading.title = title;
  const visit = (outlines: readonly Outline[] | undefined, depth: number) => {
    if (!outlines || depth > MAX_DEPTH) return;
    for (const outline of outlines) {
      const found = outlineSource(outline);
      if (found && reading.outlines.length < MAX_OPML_OUTLINES) reading.outlines.push(found);
      else if (found) reading.dropped++;
      visit(outline.outlines, depth + 1);
    }
  };
  visit(document.body?.outlines, 0);
  return reading;
}

function outlineSource(outline: Outline): OpmlOutline | undefined {
  const xmlUrl = outline.xmlUrl?.trim();
  const pageUrl = outline.type?.toLowerCase() === 'page' ? outline.url?.trim() : undefined;
  const url = xmlUrl || pageUrl;
  if (!url) return undefined;
  const found: OpmlOutline = { url, kind: xmlUrl ? 'feed' : 'page' };
  const name = outline.title?.trim() || outline.text?.trim();
  if (name) found.name = name;
  if (outline.language?.trim()) found.language = outline.language.trim();
  return found;
}

/** An OPML 2.0 document of these sources. */
export function writeOpml(title: string, sources: readonly ChatSource[], now: number): string {
  const outlines: Outline[] = sources.map((source) =>
    source.kind === 'page'
      ? { text: source.name, title: source.name, type: 'page', url: source.url, language: source.language }
      : { text: source.name, title: source.name, type: 'rss', xmlUrl: source.url, language: source.language },
  );
  return generateOpml({ head: { title, dateCreated: new Date(now) }, body: { outlines } });
}

// what the reader is told about a document that is not OPML: never the bytes it starts with
function notOpml(error: unknown, file: OpmlOrigin, root: string | undefined): Said {
  // an XML name, as prepareXml read it; a long one is cut, it is only there to be recognised
  if (root !== undefined && root !== 'opml') {
    return said('opml.otherRoot', { file, root: root.length > 40 ? `${root.slice(0, 39)}…` : root });
  }
  const message = error instanceof Error ? error.message : '';
  if (/the document is empty/.test(message)) return said('opml.empty', { file });
  if (/ is truncated: /.test(message)) return said('opml.truncated', { file });
  if (/ is not a feed: it starts with /.test(message)) return said('opml.notXml', { file });
  return said('opml.unreadable', { file });
}
