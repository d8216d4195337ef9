// rss 0.9x/2.0 read in one pass of a streaming xml parser (saxes), the fast way for the well-formed
// feeds most outlets publish. it gives what feedsmith's reading gives for the fields we use, taken the
// same way: feedsmith keeps each of them as the raw source text between its tags, then strips
// comments, decodes entities outside cdata and trims; so does this. anything it is not sure of gives
// undefined, and readRss asks feedsmith instead: xml saxes refuses (an entity not even html defines,
// a stray "&", tags that do not nest), a default namespace on the root, namespaces declared under
// other prefixes or below the root, atom elements in an item, media or itunes ones in an item that
// lacks a title or a description (they stand in for them), <body> or <fullitem>, items outside one
// <channel>, nesting over 100 levels.
// tests/feeds/scan-rss.test.ts holds it to feedsmith's reading on every rss feed we have.
import { decodeHTML } from 'entities';
import { SaxesParser } from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import type { EntryText, FeedDocument, FeedEntry } from './feed-entry.js';
import { resolveReference } from './feed-entry.js';

// feedsmith's namespace uris for the prefixes we read or must notice; a document that binds one of
// them to another prefix is left to feedsmith, which renames such prefixes
const NAMESPACES: Record<string, string> = {};
for (const [prefix, uris] of Object.entries({
  content: ['http://purl.org/rss/1.0/modules/content/'],
  dc: [
    'http://purl.org/dc/elements/1.1/',
    'http://dublincore.org/documents/dcmi-namespace/',
    'http://purl.org/dc/elements/1.0/',
  ],
  dcterms: [
    'http://purl.org/dc/terms/',
    'http://dublincore.org/documents/dcmi-terms/',
    'http://dublincore.org/specifications/dublin-core/dcmi-terms/',
  ],
  atom: ['http://www.w3.org/2005/Atom', 'http://www.w3.org/2005/Atom/', 'http://purl.org/atom/ns#'],
  media: [
    'http://search.yahoo.com/mrss/',
    'http://video.search.yahoo.com/mrss/',
    'http://www.rssboard.org/media-rss/',
    'http://search.yahoo.com/searchmonkey/media/',
    'http://tools.search.yahoo.com/mrss/',
  ],
  itunes: ['http://www.itunes.com/dtds/podcast-1.0.dtd'],
})) {
  for (const uri of uris) {
    // feedsmith takes each with and without its final slash, over http and https
    const bare = uri.replace(/^http:/, '').replace(/\/$/, '');
    for (const scheme of ['http:', 'https:']) {
      NAMESPACES[`${scheme}${bare}`.toLowerCase()] = prefix;
      if (!bare.endsWith('#') && !bare.endsWith('.dtd'))
        NAMESPACES[`${scheme}${bare}/`.toLowerCase()] = prefix;
    }
  }
}

// feedsmith's xml parser refuses nesting over 100 levels, and says so
const MAX_DEPTH = 100;

// item elements feedsmith reads and we do not need here: their being there keeps an item that has
// nothing else, as it does in feedsmith
const OTHER_ITEM_ELEMENTS = new Set(['author', 'category', 'comments', 'enclosure', 'source']);
// extensions whose text readRss uses when the rss and dc elements are missing
const STAND_INS = new Set(['media', 'itunes']);

/** feedsmith's string reading of an element's raw text: comments out, entities decoded outside cdata, trimmed. */
function rawElementText(raw: string): string | undefined {
  let text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (text.includes('<!--')) text = withoutComments(text);
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<![CDATA['); open !== -1; open = text.indexOf('<![CDATA[', at)) {
    const close = text.indexOf(']]>', open + 9);
    if (close === -1) return decoded(text).trim() || undefined;
    out += decoded(text.slice(at, open)) + text.slice(open + 9, close);
    at = close + 3;
  }
  return (out + decoded(text.slice(at))).trim() || undefined;
}

// feedsmith's test for entities: an "&" with a ";" somewhere after it
function decoded(text: string): string {
  const amp = text.indexOf('&');
  return amp !== -1 && text.indexOf(';', amp) !== -1 ? decodeHTML(text) : text;
}

function withoutComments(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', at)) {
    const close = text.indexOf('-->', open + 4);
    if (close === -1) return text;
    out += text.slice(at, open);
    at = close + 3;
  }
  return out + text.slice(at);
}

function booleanValue(value: string | undefined): boolean | undefined {
  const word = value?.trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : undefined;
}

function html(value: string | undefined): EntryText | undefined {
  return value === undefined ? undefined : { value, kind: 'html' };
}

/** Raw field texts by element name, as feedsmith reads them: the first of each rss element, the first non-empty of each dc one. */
type ItemFields = Record<string, string | undefined>;

class NotForScan extends Error {}

// html's named entities (&nbsp;, &eacute;…), which feeds use without declaring them: saxes would
// refuse the document; feedsmith decodes them, and so, in the values we take, do we
const HTML_ENTITIES = new Proxy({} as Record<string, string>, {
  get(_target, name) {
    if (typeof name !== 'string') return undefined;
    const reference = `&${name};`;
    const decoded = decodeHTML(reference);
    return decoded === reference ? undefined : decoded;
  },
});
const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Reads a well-formed rss 0.9x/2.0 document; undefined when feedsmith must read it instead. */
export function scanRss(xml: string, documentBase: string | undefined): FeedDocument | undefined {
  const parser = new SaxesParser();
  parser.ENTITIES = Object.assign(Object.create(HTML_ENTITIES) as Record<string, string>, XML_ENTITIES);
  const channel: ItemFields = {};
  const items: {
    fields: ItemFields;
    attributes: Record<string, string>;
    kept: boolean;
    standIns: boolean;
  }[] = [];
  let rootAttributes: Record<string, string> = {};
  let depth = 0;
  let channels = 0;
  let inChannel = false;
  let item: (typeof items)[number] | undefined;
  // the element whose raw text is being taken, and where that text starts
  let field: { name: string; depth: number; into: ItemFields; first: boolean } | undefined;
  let fieldStart = 0;

  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    if (field) return; // markup inside a field is part of its raw text
    if (depth > MAX_DEPTH) throw new NotForScan();
    const attributes = tag.attributes as Record<string, string>;
    if (depth === 1) {
      rootAttributes = attributes;
      for (const [attribute, uri] of Object.entries(attributes)) {
        const lower = attribute.toLowerCase();
        if (lower === 'xmlns') throw new NotForScan();
        if (!lower.startsWith('xmlns:')) continue;
        const known = NAMESPACES[uri.trim().toLowerCase()];
        const prefix = lower.slice(6);
        if (known !== undefined && known !== prefix) throw new NotForScan();
      }
      return;
    }
    for (const attribute in attributes) if (/^xmlns(?::|$)/i.test(attribute)) throw new NotForScan();
    // tag names in any case, as feedsmith takes them; prefixes as written (the root binds none anew)
    const name = tag.name.toLowerCase();
    const colon = name.indexOf(':');
    const local = colon === -1 ? name : name.slice(colon + 1);
    if (local === 'body' || local === 'fullitem') throw new NotForScan();
    if (depth === 2) {
      if (name === 'item') throw new NotForScan();
      if (name === 'channel' && ++channels > 1) throw new NotForScan();
      inChannel = name === 'channel';
      return;
    }
    if (!inChannel) return;
    if (item && colon !== -1) {
      const prefix = name.slice(0, colon);
      if (prefix === 'atom') throw new NotForScan();
      if (STAND_INS.has(prefix)) item.standIns = true;
    }
    if (depth === 3) {
      if (name === 'item') {
        item = { fields: {}, attributes, kept: false, standIns: false };
        items.push(item);
        for (const attribute in attributes) if (/^xml:/i.test(attribute)) item.kept = true;
        return;
      }
      if (name === 'title' || name === 'link' || name === 'language' || name === 'dc:language')
        field = { name, depth, into: channel, first: !name.includes(':') };
    } else if (item && depth === 4) {
      if (/^(?:dc:(?:title|description|date|language)|dcterms:(?:issued|created|modified))$/.test(name)) {
        field = { name, depth, into: item.fields, first: false };
      } else if (/^(?:title|link|description|guid|pubdate|content:encoded)$/.test(name)) {
        if (name === 'guid' && !('guid' in item.fields)) {
          for (const [attribute, value] of Object.entries(attributes))
            if (attribute.toLowerCase() === 'ispermalink') item.fields.isPermaLink = value;
        }
        field = { name, depth, into: item.fields, first: true };
      } else if (OTHER_ITEM_ELEMENTS.has(name)) item.kept = true;
    }
    if (field) fieldStart = tag.isSelfClosing ? -1 : parser.position;
  });

  parser.on('closetag', () => {
    if (field && depth === field.depth) {
      const { name, into, first } = field;
      field = undefined;
      const value =
        fieldStart === -1
          ? undefined
          : rawElementText(xml.slice(fieldStart, xml.lastIndexOf('</', parser.position - 1)));
      // rss elements: the first one counts, empty or not; dc and dcterms: the first with text
      if (first ? !(name in into) : into[name] === undefined) into[name] = value;
      if (value !== undefined && item && into === item.fields) item.kept = true;
    }
    if (depth === 3 && item && !field) {
      const { fields, standIns } = item;
      const missing =
        (fields.title ?? fields['dc:title']) === undefined ||
        (fields.description ?? fields['dc:description']) === undefined;
      if (standIns && missing) throw new NotForScan();
      item = undefined;
    } else if (depth === 2) inChannel = false;
    depth--;
  });

  try {
    parser.write(xml).close();
  } catch {
    // not well-formed, or NotForScan: feedsmith reads it (and says what is wrong with it)
    return undefined;
  }
  if (channels !== 1) return undefined;

  const attribute = (from: Record<string, string>, name: string) => {
    // saxes has decoded the value already
    for (const [key, value] of Object.entries(from))
      if (key.toLowerCase() === name) return value.trim() || undefined;
    return undefined;
  };
  const base = resolveReference(attribute(rootAttributes, 'xml:base'), documentBase);
  return {
    format: 'rss',
    title: html(channel.title),
    link: channel.link,
    base,
    language: channel.language ?? channel['dc:language'] ?? attribute(rootAttributes, 'xml:lang'),
    entries: items
      .filter((each) => each.kept)
      .map(({ fields, attributes }): FeedEntry => ({
        guid: fields.guid,
        guidIsPermaLink: booleanValue(fields.isPermaLink),
        link: fields.link,
        base: resolveReference(attribute(attributes, 'xml:base'), base),
        title: html(fields.title) ?? html(fields['dc:title']),
        summary: html(fields.description) ?? html(fields['dc:description']),
        content: html(fields['content:encoded']),
        published:
          fields.pubdate ?? fields['dc:date'] ?? fields['dcterms:issued'] ?? fields['dcterms:created'],
        updated: fields['dcterms:modified'],
        language: attribute(attributes, 'xml:lang') ?? fields['dc:language'],
      })),
  };
}
