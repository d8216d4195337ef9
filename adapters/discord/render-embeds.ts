import type { Reply } from '../../commands/command.js';
import {
  directionOf,
  formatItemTime,
  httpUrl,
  isolateField,
  isolateRuns,
  t,
  truncateAtWord,
  type Digest,
  type DigestItem,
  type Direction,
  type Locale,
} from '../../src/index.js';

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  timestamp?: string;
  author?: { name: string; url?: string };
  footer?: { text: string };
  fields?: { name: string; value: string; inline?: boolean }[];
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
}

/** Discord's limits (API v10), counted here in UTF-16 units, which is never less than Discord's count. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  authorName: 256,
  footerText: 2048,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
} as const;

const ALSO_SHOWN = 5;
const NAME_MAX = 100;
const URL_SHOWN_MAX = 300;

// a zero-width space after "@" keeps @everyone, @here and <@id> from ever becoming a mention
const neutraliseMentions = (text: string): string => text.replace(/@/g, '@\u200B');

/**
 * Escapes Discord markdown and neutralises mentions, for the places Discord renders markdown
 * (content, embed title and description). The one escaping function for Discord.
 */
export function escapeMarkdown(text: string): string {
  return neutraliseMentions(
    text
      // without "[" and "]" there is no masked link, so parentheses may stay as they are
      .replace(/[\\*_~`|<>[\]]/g, '\\$&')
      // headings, list markers and numbered lists only mean something at the start of a line
      .replace(/^(\s*)([-+#]|\d+(?=\.))/gm, (_m, space: string, marker: string) =>
        /\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
      ),
  );
}

/** The longest shortening of `raw` whose rendering fits `limit`. */
function fit(raw: string, limit: number, render: (text: string) => string): string {
  let max = raw.length;
  let out = render(raw);
  while (out.length > limit) {
    max -= out.length - limit;
    out = render(truncateAtWord(raw, max));
  }
  return out;
}

/** A stable colour per outlet: a hue from a hash of the source id. */
export function sourceColour(sourceId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sourceId.length; i += 1) {
    hash = Math.imul(hash ^ sourceId.charCodeAt(i), 0x01000193) >>> 0;
  }
  const hue = hash % 360;
  const [s, l] = [0.6, 0.5];
  const channel = (n: number): number => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return (channel(0) << 16) | (channel(8) << 8) | channel(4);
}

/** Characters of an embed that count toward the 6,000 across a message. */
export function embedSize(embed: DiscordEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    fields
  );
}

// masked links end at ")", so parentheses in the address are percent-encoded
const markdownHref = (url: string): string => url.replace(/\(/g, '%28').replace(/\)/g, '%29');

// isolates (src/i18n) go in before escaping, and every limit below is measured after both
function alsoLine(item: DigestItem, locale: Locale): string | undefined {
  if (item.alsoReportedBy.length === 0) return undefined;
  const direction = directionOf(locale);
  const shown = item.alsoReportedBy.slice(0, ALSO_SHOWN).map((other) => {
    const name = escapeMarkdown(isolateField(truncateAtWord(other.sourceName, NAME_MAX), direction));
    const url = httpUrl(other.url);
    // a long address would crowd out the summary; the name alone still says who carried it
    return url === undefined || url.length > URL_SHOWN_MAX ? name : `[${name}](${markdownHref(url)})`;
  });
  const more = item.alsoReportedBy.length - shown.length;
  if (more > 0) shown.push(t(locale, 'render.more', { count: more }));
  return `${t(locale, 'render.also')} ${shown.join(t(locale, 'list.separator'))}`;
}

function itemEmbed(item: DigestItem, locale: Locale, time: string, footer: string | undefined): DiscordEmbed {
  const direction = directionOf(locale);
  const sourceName = truncateAtWord(item.sourceName.trim(), NAME_MAX);
  const embed: DiscordEmbed = {
    author: {
      name: fit(sourceName, DISCORD_LIMITS.authorName, (name) =>
        neutraliseMentions(isolateField(name, direction)),
      ),
    },
  };
  const title = fit(item.title.trim(), DISCORD_LIMITS.title, (text) =>
    escapeMarkdown(isolateField(text, direction)),
  );
  const url = httpUrl(item.url);
  if (title !== '') embed.title = title;
  if (title !== '' && url !== undefined) embed.url = url;
  if (footer !== undefined)
    embed.footer = {
      text: fit(footer, DISCORD_LIMITS.footerText, (text) =>
        neutraliseMentions(isolateRuns(text, direction)),
      ),
    };
  const tail = [`*${escapeMarkdown(isolateRuns(time, direction))}*`, alsoLine(item, locale)]
    .filter((line): line is string => line !== undefined)
    .join('\n');
  const room =
    Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - embedSize(embed)) - tail.length;
  const summary = item.summary.trim();
  const summaryText =
    summary === ''
      ? ''
      : fit(summary, Math.max(0, room - 1), (text) => escapeMarkdown(isolateField(text, direction)));
  return {
    ...embed,
    description: summaryText === '' ? tail : `${summaryText}\n${tail}`,
    color: sourceColour(item.sourceId),
    timestamp: new Date(item.publishedAt ?? item.firstSeenAt).toISOString(),
  };
}

// the same articles are shown again and again (a burst of /latest, the pages of a topic): an item's
// embed is kept under its article, time line and footer, and reused while the item is unchanged. Kept
// embeds are frozen, as messages share them.
const EMBEDS_KEPT = 2048;
const keptEmbeds = new Map<string, { item: DigestItem; embed: DiscordEmbed }>();

const sameOutlets = (a: DigestItem['alsoReportedBy'], b: DigestItem['alsoReportedBy']) =>
  a.length === b.length &&
  a.every((other, i) => other.sourceName === b[i]!.sourceName && other.url === b[i]!.url);

/** everything of an item that its embed shows */
const sameItem = (a: DigestItem, b: DigestItem) =>
  a.title === b.title &&
  a.url === b.url &&
  a.summary === b.summary &&
  a.sourceId === b.sourceId &&
  a.sourceName === b.sourceName &&
  a.publishedAt === b.publishedAt &&
  a.firstSeenAt === b.firstSeenAt &&
  sameOutlets(a.alsoReportedBy, b.alsoReportedBy);

function freeze(embed: DiscordEmbed): DiscordEmbed {
  if (embed.author) Object.freeze(embed.author);
  if (embed.footer) Object.freeze(embed.footer);
  return Object.freeze(embed);
}

function keptItemEmbed(item: DigestItem, digest: Digest, footer: string | undefined): DiscordEmbed {
  const locale = digest.locale ?? 'en';
  const time = formatItemTime(item, digest);
  const key = `${item.articleId}\u0000${locale}\u0000${time}\u0000${footer ?? ''}`;
  const kept = keptEmbeds.get(key);
  if (kept && sameItem(kept.item, item)) return kept.embed;
  const embed = freeze(itemEmbed(item, locale, time, footer));
  if (keptEmbeds.size >= EMBEDS_KEPT) {
    const oldest = keptEmbeds.keys().next();
    if (!oldest.done) keptEmbeds.delete(oldest.value);
  }
  // a copy of the item: the caller's object may change after this
  keptEmbeds.set(key, {
    item: { ...item, alsoReportedBy: item.alsoReportedBy.map((other) => ({ ...other })) },
    embed,
  });
  return embed;
}

type Part = { kind: 'content'; text: string } | { kind: 'embed'; embed: DiscordEmbed };

/** The head of `text` up to `max` units, cut at a line break or space when there is one. */
function headPiece(text: string, max: number): string {
  if (text.length <= max) return text;
  const window = text.slice(0, max + 1);
  let cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
  if (cut <= 0) {
    const code = text.charCodeAt(max - 1);
    cut = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  }
  return text.slice(0, cut);
}

/** The bot's words as content parts of at most 2,000 characters each once isolated and escaped. */
function contentParts(raw: string, direction: Direction): Part[] {
  const parts: Part[] = [];
  let rest = isolateRuns(raw.trim(), direction);
  while (rest !== '') {
    let piece = headPiece(rest, DISCORD_LIMITS.content);
    // escaping at most doubles a character, so half the limit always fits
    if (escapeMarkdown(piece).length > DISCORD_LIMITS.content)
      piece = headPiece(rest, DISCORD_LIMITS.content / 2);
    parts.push({ kind: 'content', text: escapeMarkdown(piece.trim()) });
    rest = rest.slice(piece.length).trim();
  }
  return parts;
}

function digestParts(digest: Digest): Part[] {
  const parts: Part[] = [];
  const direction = directionOf(digest.locale ?? 'en');
  const words = (text: string) => escapeMarkdown(isolateRuns(text, direction));
  const title = digest.title.trim();
  if (title !== '') parts.push({ kind: 'content', text: `**${fit(title, DISCORD_LIMITS.title, words)}**` });
  const items = digest.sections.flatMap((section) => section.items);
  const footer = digest.footer?.trim() || undefined;
  if (items.length === 0) {
    parts.push(...contentParts(digest.emptyText, direction));
    if (footer !== undefined) parts.push(...contentParts(footer, direction));
    return parts;
  }
  const last = items.at(-1);
  for (const section of digest.sections) {
    const heading = section.heading?.trim();
    if (heading !== undefined && heading !== '' && section.items.length > 0) {
      parts.push({ kind: 'content', text: `__**${fit(heading, DISCORD_LIMITS.title, words)}**__` });
    }
    for (const item of section.items) {
      // the digest's closing line is the footer of its last embed, so it reads after the items
      parts.push({ kind: 'embed', embed: keptItemEmbed(item, digest, item === last ? footer : undefined) });
    }
  }
  return parts;
}

interface Draft {
  content: string[];
  embeds: DiscordEmbed[];
  size: number;
}

/** Packs parts into messages: content stays above its embeds, within every per-message limit. */
function pack(parts: Part[]): DiscordMessage[] {
  const drafts: Draft[] = [];
  for (const part of parts) {
    const draft = drafts.at(-1);
    if (part.kind === 'content') {
      const joined = draft === undefined ? Infinity : [...draft.content, part.text].join('\n').length;
      if (draft !== undefined && draft.embeds.length === 0 && joined <= DISCORD_LIMITS.content) {
        draft.content.push(part.text);
      } else {
        drafts.push({ content: [part.text], embeds: [], size: 0 });
      }
    } else {
      const size = embedSize(part.embed);
      if (
        draft !== undefined &&
        draft.embeds.length < DISCORD_LIMITS.embedsPerMessage &&
        draft.size + size <= DISCORD_LIMITS.embedTotal
      ) {
        draft.embeds.push(part.embed);
        draft.size += size;
      } else {
        drafts.push({ content: [], embeds: [part.embed], size });
      }
    }
  }
  return drafts.map((draft) => {
    const content = draft.content.length > 0 ? { content: draft.content.join('\n') } : {};
    return { ...content, embeds: draft.embeds, allowed_mentions: { parse: [] } };
  });
}

/**
 * Renders a reply as Discord messages: one embed per digest item, split between items within
 * every limit; every message carries `allowed_mentions: { parse: [] }`. Choices are not rendered:
 * the adapter turns them into buttons. An empty reply gives no messages.
 */
export function renderDiscord(reply: Reply): DiscordMessage[] {
  const parts: Part[] = [];
  if (reply.text !== undefined) parts.push(...contentParts(reply.text, directionOf(reply.locale ?? 'en')));
  if (reply.digest !== undefined) parts.push(...digestParts(reply.digest));
  return pack(parts);
}
