import type { Choice, Reply } from '../../commands/command.js';
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
import { escapeHtml } from './escape-html.js';
import { TELEGRAM_MAX_LENGTH, splitText, telegramLength } from './telegram-length.js';

export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: boolean; url?: string };
}

// html with its length as Telegram counts it, built together so the length never needs parsing
interface Fragment {
  html: string;
  length: number;
}

// a piece that is never split across messages; `url` marks the one article of a single-article answer
interface Unit extends Fragment {
  url?: string;
}

const BLOCK_GAP = '\n\n';
const TITLE_MAX = 256;
const NAME_MAX = 100;
const ALSO_SHOWN = 5;
const SUMMARY_MIN = 40;
/** FSI and PDI around a field whose direction is not the message's */
const FIELD_ISOLATES = 2;

// isolates are added to plain text before escaping (never inside an entity) and counted in the length
const text = (value: string): Fragment => ({ html: escapeHtml(value), length: value.length });
// the bot's own words, with runs of the other direction isolated
const words = (value: string, direction: Direction): Fragment => text(isolateRuns(value, direction));
// text from a feed (a headline, an outlet), isolated whole when its direction is not the message's
const field = (value: string, direction: Direction): Fragment => text(isolateField(value, direction));

const localeOf = (digest: Pick<Digest, 'locale'>): Locale => digest.locale ?? 'en';
const tag = (name: 'b' | 'i' | 'u', inner: Fragment): Fragment => ({
  html: `<${name}>${inner.html}</${name}>`,
  length: inner.length,
});
const link = (href: string, inner: Fragment): Fragment => ({
  html: `<a href="${escapeHtml(href)}">${inner.html}</a>`,
  length: inner.length,
});
const join = (fragments: Fragment[], separator: string): Fragment => ({
  html: fragments.map((f) => f.html).join(escapeHtml(separator)),
  length:
    fragments.reduce((sum, f) => sum + f.length, 0) + separator.length * Math.max(0, fragments.length - 1),
});

function itemFragment(item: DigestItem, digest: Digest, title: string, summary: string): Fragment {
  const locale = localeOf(digest);
  const direction = directionOf(locale);
  const url = httpUrl(item.url);
  const headline = url === undefined ? field(title, direction) : link(url, field(title, direction));
  const lines = [
    tag('b', headline),
    join(
      [
        field(truncateAtWord(item.sourceName, NAME_MAX), direction),
        tag('i', words(formatItemTime(item, digest), direction)),
      ],
      ' · ',
    ),
  ];
  if (summary !== '') lines.push(field(summary, direction));
  if (item.alsoReportedBy.length > 0) {
    const shown = item.alsoReportedBy.slice(0, ALSO_SHOWN).map((other) => {
      const name = field(truncateAtWord(other.sourceName, NAME_MAX), direction);
      const otherUrl = httpUrl(other.url);
      return otherUrl === undefined ? name : link(otherUrl, name);
    });
    const more = item.alsoReportedBy.length - shown.length;
    if (more > 0) shown.push(text(t(locale, 'render.more', { count: more })));
    lines.push(
      tag('i', join([text(`${t(locale, 'render.also')} `), join(shown, t(locale, 'list.separator'))], '')),
    );
  }
  return join(lines, '\n');
}

/** An item within `budget`: its summary shortened at a word boundary first, then its title. */
function fitItem(item: DigestItem, digest: Digest, budget: number): Fragment {
  const title = truncateAtWord(item.title.trim(), TITLE_MAX);
  const summary = item.summary.trim();
  const full = itemFragment(item, digest, title, summary);
  if (full.length <= budget) return full;
  const withoutSummary = itemFragment(item, digest, title, '');
  // the summary's line break, and the two isolates it may gain (src/i18n)
  const room = budget - withoutSummary.length - 1 - FIELD_ISOLATES;
  if (room >= SUMMARY_MIN) return itemFragment(item, digest, title, truncateAtWord(summary, room));
  if (withoutSummary.length <= budget) return withoutSummary;
  const titleRoom = budget - itemFragment(item, digest, '', '').length - FIELD_ISOLATES;
  return itemFragment(item, digest, truncateAtWord(title, Math.max(1, titleRoom)), '');
}

function digestUnits(digest: Digest): Unit[] {
  const items = digest.sections.flatMap((section) => section.items);
  const previewUrl = items.length === 1 && items[0] !== undefined ? httpUrl(items[0].url) : undefined;
  const units: Unit[] = [];
  // the title and section headings travel with the next item, never alone at the end of a message
  const direction = directionOf(localeOf(digest));
  const title = digest.title.trim();
  let lead: Fragment | undefined =
    title === '' ? undefined : tag('b', words(truncateAtWord(title, TITLE_MAX), direction));
  const withLead = (fragment: Fragment): Fragment =>
    lead === undefined ? fragment : join([lead, fragment], BLOCK_GAP);
  if (items.length === 0) {
    const empty = digest.emptyText.trim();
    const room = TELEGRAM_MAX_LENGTH - (lead === undefined ? 0 : lead.length + BLOCK_GAP.length);
    // the isolates a line may gain are counted before cutting it to the room left
    if (empty !== '')
      units.push(withLead(tag('i', words(truncateAtWord(empty, room - isolateRoom(empty)), direction))));
    else if (lead !== undefined) units.push(lead);
    lead = undefined;
  }
  for (const section of digest.sections) {
    const heading = section.heading?.trim();
    if (heading !== undefined && heading !== '' && section.items.length > 0) {
      const headingFragment = tag('b', tag('u', words(truncateAtWord(heading, TITLE_MAX), direction)));
      lead = lead === undefined ? headingFragment : join([lead, headingFragment], BLOCK_GAP);
    }
    for (const item of section.items) {
      const budget = TELEGRAM_MAX_LENGTH - (lead === undefined ? 0 : lead.length + BLOCK_GAP.length);
      const unit: Unit = withLead(fitItem(item, digest, budget));
      if (previewUrl !== undefined) unit.url = previewUrl;
      units.push(unit);
      lead = undefined;
    }
  }
  const footer = digest.footer?.trim();
  if (footer !== undefined && footer !== '') {
    units.push(tag('i', words(truncateAtWord(footer, TELEGRAM_MAX_LENGTH - isolateRoom(footer)), direction)));
  }
  return units;
}

function choicesUnit(choices: Choice[], locale: Locale): Unit {
  const commands = choices.map((choice) =>
    choice.command.startsWith('/') ? choice.command : `/${choice.command}`,
  );
  const line = `${t(locale, 'render.try')} ${commands.join(' · ')}`;
  return words(truncateAtWord(line, TELEGRAM_MAX_LENGTH - isolateRoom(line)), directionOf(locale));
}

/** at most how many isolate marks a text can gain: two per word */
const isolateRoom = (value: string) => 2 * (value.split(/\s+/).length + 1);

/** Packs units into messages: as many whole units per message as fit. */
function pack(units: Unit[]): TelegramMessage[] {
  const messages: Unit[] = [];
  for (const unit of units) {
    const last = messages.at(-1);
    if (last !== undefined && last.length + BLOCK_GAP.length + unit.length <= TELEGRAM_MAX_LENGTH) {
      const merged: Unit = join([last, unit], BLOCK_GAP);
      const url = last.url ?? unit.url;
      if (url !== undefined) merged.url = url;
      messages[messages.length - 1] = merged;
    } else {
      messages.push(unit);
    }
  }
  return messages.map((message) => {
    // a guard, not a path: fragments count their own length, this catches a mistake in that
    if (telegramLength(message.html) !== message.length || message.length > TELEGRAM_MAX_LENGTH) {
      throw new Error(`renderTelegram: a message of ${telegramLength(message.html)} characters was built`);
    }
    return {
      text: message.html,
      parse_mode: 'HTML',
      link_preview_options:
        message.url === undefined ? { is_disabled: true } : { is_disabled: false, url: message.url },
    };
  });
}

/**
 * Renders a reply as Telegram HTML messages, each at most 4,096 characters after entity parsing,
 * split between items, never inside one. An empty reply gives no messages.
 */
export function renderTelegram(reply: Reply): TelegramMessage[] {
  const locale = reply.locale ?? 'en';
  const units: Unit[] = [];
  if (reply.text !== undefined) {
    // isolated before splitting, so every piece is counted with its isolates
    units.push(...splitText(isolateRuns(reply.text, directionOf(locale)), TELEGRAM_MAX_LENGTH).map(text));
  }
  if (reply.digest !== undefined) units.push(...digestUnits(reply.digest));
  if (reply.choices !== undefined && reply.choices.length > 0) units.push(choicesUnit(reply.choices, locale));
  return pack(units);
}
