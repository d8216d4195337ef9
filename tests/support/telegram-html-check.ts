// a strict reading of Telegram's HTML parse mode (Bot API "Formatting options"), written apart from
// the renderer so the two do not share mistakes. parseTelegramHtml gives what Telegram would store
// (text and entities, offsets in UTF-16 units) or throws as Telegram answers a bad message; a fake
// Bot API server can use it for sendMessage and editMessageText.

export const TELEGRAM_TEXT_LIMIT = 4096;

export interface TelegramEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface ParsedTelegramHtml {
  text: string;
  entities: TelegramEntity[];
}

/** What Telegram answers with 400 "Bad Request: can't parse entities: …". */
export class TelegramHtmlError extends Error {
  override name = 'TelegramHtmlError';
}

// tag → entity type, and the attributes each tag may carry
const TAGS: Record<string, { type: string; attributes: string[] }> = {
  b: { type: 'bold', attributes: [] },
  strong: { type: 'bold', attributes: [] },
  i: { type: 'italic', attributes: [] },
  em: { type: 'italic', attributes: [] },
  u: { type: 'underline', attributes: [] },
  ins: { type: 'underline', attributes: [] },
  s: { type: 'strikethrough', attributes: [] },
  strike: { type: 'strikethrough', attributes: [] },
  del: { type: 'strikethrough', attributes: [] },
  a: { type: 'text_link', attributes: ['href'] },
  code: { type: 'code', attributes: ['class'] },
  pre: { type: 'pre', attributes: [] },
  span: { type: 'spoiler', attributes: ['class'] },
  'tg-spoiler': { type: 'spoiler', attributes: [] },
  blockquote: { type: 'blockquote', attributes: ['expandable'] },
  'tg-emoji': { type: 'custom_emoji', attributes: ['emoji-id'] },
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));/y;
const ATTRIBUTE = /\s+([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Open {
  tag: string;
  entity: TelegramEntity;
}

function fail(message: string, at: number): never {
  throw new TelegramHtmlError(`can't parse entities: ${message} at offset ${at}`);
}

function decodeEntities(value: string, at: number): string {
  let out = '';
  for (let i = 0; i < value.length;) {
    if (value[i] !== '&') {
      out += value[i];
      i += 1;
      continue;
    }
    ENTITY.lastIndex = i;
    const match = ENTITY.exec(value);
    if (match === null) fail('unescaped "&"', at + i);
    const [whole, dec, hex, name] = match;
    if (name !== undefined) {
      const named = NAMED[name.toLowerCase()];
      if (named === undefined) fail(`unsupported entity "${whole}"`, at + i);
      out += named;
    } else {
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        fail(`invalid character reference "${whole}"`, at + i);
      }
      out += String.fromCodePoint(code);
    }
    i += whole.length;
  }
  return out;
}

function checkAttributes(tag: string, attributes: Map<string, string>, at: number): void {
  const allowed = TAGS[tag]?.attributes ?? [];
  for (const name of attributes.keys()) {
    if (!allowed.includes(name)) fail(`attribute "${name}" is not allowed on <${tag}>`, at);
  }
  if (tag === 'a') {
    const href = attributes.get('href');
    if (href === undefined) fail('<a> without href', at);
    let protocol = '';
    try {
      protocol = new URL(href).protocol;
    } catch {
      fail(`href is not a URL: "${href}"`, at);
    }
    if (protocol !== 'http:' && protocol !== 'https:') fail(`href is not http(s): "${href}"`, at);
  }
  if (tag === 'span' && attributes.get('class') !== 'tg-spoiler') fail('<span> needs class="tg-spoiler"', at);
  if (tag === 'code' && attributes.has('class') && !/^language-\S+$/.test(attributes.get('class') ?? '')) {
    fail('bad class on <code>', at);
  }
  if (tag === 'tg-emoji' && !/^\d+$/.test(attributes.get('emoji-id') ?? ''))
    fail('<tg-emoji> needs emoji-id', at);
}

/** Parses HTML as Telegram does, or throws TelegramHtmlError naming the first problem. */
export function parseTelegramHtml(html: string): ParsedTelegramHtml {
  if (LONE_SURROGATE.test(html))
    fail('text is not valid UTF-16 (lone surrogate)', html.search(LONE_SURROGATE));
  let text = '';
  const entities: TelegramEntity[] = [];
  const stack: Open[] = [];
  for (let i = 0; i < html.length;) {
    const ch = html[i];
    if (ch === '>') fail('unescaped ">"', i);
    if (ch === '&') {
      ENTITY.lastIndex = i;
      const match = ENTITY.exec(html);
      if (match === null) fail('unescaped "&"', i);
      text += decodeEntities(match[0], i);
      i += match[0].length;
      continue;
    }
    if (ch !== '<') {
      text += ch;
      i += 1;
      continue;
    }
    const end = html.indexOf('>', i);
    if (end === -1) fail('unclosed tag', i);
    const inside = html.slice(i + 1, end);
    if (inside.startsWith('/')) {
      const name = inside.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (open === undefined) fail(`end tag </${name}> without a start tag`, i);
      if (open.tag !== name) fail(`end tag </${name}> does not match <${open.tag}>`, i);
      open.entity.length = text.length - open.entity.offset;
      if (open.entity.length > 0) entities.push(open.entity);
    } else {
      const name = /^[a-zA-Z][a-zA-Z-]*/.exec(inside)?.[0].toLowerCase() ?? '';
      const spec = TAGS[name];
      if (spec === undefined) fail(`unsupported start tag "${name || inside}"`, i);
      const attributes = new Map<string, string>();
      let rest = inside.slice(name.length);
      while (rest.trim() !== '') {
        ATTRIBUTE.lastIndex = 0;
        const match = ATTRIBUTE.exec(rest);
        if (match === null) fail(`malformed attributes in <${name}>`, i);
        const [whole, attribute = '', double, single, bare] = match;
        attributes.set(attribute.toLowerCase(), decodeEntities(double ?? single ?? bare ?? '', i));
        rest = rest.slice(whole.length);
      }
      checkAttributes(name, attributes, i);
      const parent = stack.at(-1);
      if (parent?.tag === 'code' || (parent?.tag === 'pre' && name !== 'code'))
        fail(`<${name}> inside <${parent.tag}>`, i);
      if (name === 'a' && stack.some((open) => open.tag === 'a')) fail('<a> inside <a>', i);
      const entity: TelegramEntity = { type: spec.type, offset: text.length, length: 0 };
      if (name === 'a') entity.url = attributes.get('href') ?? '';
      if (name === 'blockquote' && attributes.has('expandable')) entity.type = 'expandable_blockquote';
      if (name === 'tg-emoji') entity.custom_emoji_id = attributes.get('emoji-id') ?? '';
      stack.push({ tag: name, entity });
    }
    i = end + 1;
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined)
    fail(`can't find end tag corresponding to start tag "${unclosed.tag}"`, html.length);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

/** Everything wrong with a message text for sendMessage in HTML mode; empty when Telegram would take it. */
export function checkTelegramHtml(html: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  let parsed: ParsedTelegramHtml;
  try {
    parsed = parseTelegramHtml(html);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const problems: string[] = [];
  if (parsed.text.trim() === '') problems.push('message text is empty');
  if (parsed.text.length > limit)
    problems.push(`message is too long: ${parsed.text.length} > ${limit} UTF-16 units`);
  return problems;
}

/** Checks a whole sendMessage payload as the renderer builds it. */
export function checkTelegramMessage(message: {
  text: string;
  parse_mode: string;
  link_preview_options?: { is_disabled?: boolean; url?: string };
}): string[] {
  const problems = checkTelegramHtml(message.text);
  if (message.parse_mode !== 'HTML') problems.push(`parse_mode is ${message.parse_mode}, not HTML`);
  const preview = message.link_preview_options;
  if (preview === undefined) problems.push('link_preview_options missing');
  else if (preview.url !== undefined && !/^https?:\/\//.test(preview.url)) {
    problems.push(`link preview url is not http(s): ${preview.url}`);
  }
  return problems;
}
