// OPML in and out with feedsmith: the outlines a reader imports, and a chat's sources exported.
// a page source goes out as <outline type="page" url="…"> so an export imports back whole.
import { generateOpml, parseOpml, type Opml } from 'feedsmith';
import { FeedError, UserError } from '../errors.js';
import { decodeFeedBytes } from '../feeds/decode-feed-bytes.js';
import { prepareXml } from '../feeds/prepare-xml.js';
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

/** The feed outlines (xmlUrl) and page outlines of an OPML document, nested ones included, in order. */
export function readOpml(bytes: Uint8Array, where: string, contentType?: string): OpmlReading {
  if (bytes.byteLength > MAX_OPML_BYTES) {
    throw new UserError(`The OPML file ${where} is over the ${MAX_OPML_BYTES / 1024 / 1024} MB limit.`);
  }
  let document: Opml.Document<string>;
  try {
    const { text } = decodeFeedBytes(bytes, contentType, where);
    const { xml, root } = prepareXml(text, where);
    if (root !== 'opml') throw new FeedError(`it is XML with a <${root}> root, not <opml>`);
    document = parseOpml(xml);
  } catch (error) {
    const message = (error as Error).message;
    const problem = message.startsWith(`Feed ${where} `)
      ? message.slice(`Feed ${where} `.length).replace(/^is not a feed: /, '')
      : message;
    throw new UserError(`${capitalize(where)} is not an OPML file I can read (${problem}).`, {
      cause: error,
    });
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

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
