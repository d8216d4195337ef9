import type { Choice, Reply } from '../../commands/command.js';
import { formatItemTime, httpUrl, truncateAtWord, type Digest, type DigestItem } from '../../src/index.js';
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

const text = (value: string): Fragment => ({ html: escapeHtml(value), length: value.length });
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
  const url = httpUrl(item.url);
  const headline = url === undefined ? text(title) : link(url, text(title));
  const lines = [
    tag('b', headline),
    join(
      [text(truncateAtWord(item.sourceName, NAME_MAX)), tag('i', text(formatItemTime(item, digest)))],
      ' · ',
    ),
  ];
  if (summary !== '') lines.push(text(summary));
  if (item.alsoReportedBy.length > 0) {
    const shown = item.alsoReportedBy.slice(0, ALSO_SHOWN).map((other) => {
      const name = text(truncateAtWord(other.sourceName, NAME_MAX));
      const otherUrl = httpUrl(other.url);
      return otherUrl === undefined ? name : link(otherUrl, name);
    });
    const more = item.alsoReportedBy.length - shown.length;
    if (more > 0) shown.push(text(`${more} more`));
    lines.push(tag('i', join([text('also: '), join(shown, ', ')], '')));
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
  const room = budget - withoutSummary.length - 1; // the summary's line break
  if (room >= SUMMARY_MIN) return itemFragment(item, digest, title, truncateAtWord(summary, room));
  if (withoutSummary.length <= budget) return withoutSummary;
  const titleRoom = budget - itemFragment(item, digest, '', '').length;
  return itemFragment(item, digest, truncateAtWord(title, Math.max(1, titleRoom)), '');
}

function digestUnits(digest: Digest): Unit[] {
  const items = digest.sections.flatMap((section) => section.items);
  const previewUrl = items.length === 1 && items[0] !== undefined ? httpUrl(items[0].url) : undefined;
  const units: Unit[] = [];
  // the title and section headings travel with the next item, never alone at the end of a message
  const title = digest.title.trim();
  let lead: Fragment | undefined =
    title === '' ? undefined : tag('b', text(truncateAtWord(title, TITLE_MAX)));
  const withLead = (fragment: Fragment): Fragment =>
    lead === undefined ? fragment : join([lead, fragment], BLOCK_GAP);
  if (items.length === 0) {
    const empty = digest.emptyText.trim();
    const room = TELEGRAM_MAX_LENGTH - (lead === undefined ? 0 : lead.length + BLOCK_GAP.length);
    if (empty !== '') units.push(withLead(tag('i', text(truncateAtWord(empty, room)))));
    else if (lead !== undefined) units.push(lead);
    lead = undefined;
  }
  for (const section of digest.sections) {
    const heading = section.heading?.trim();
    if (heading !== undefined && heading !== '' && section.items.length > 0) {
      const headingFragment = tag('b', tag('u', text(truncateAtWord(heading, TITLE_MAX))));
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
    units.push(tag('i', text(truncateAtWord(footer, TELEGRAM_MAX_LENGTH))));
  }
  return units;
}

function choicesUnit(choices: Choice[]): Unit {
  const commands = choices.map((choice) =>
    choice.command.startsWith('/') ? choice.command : `/${choice.command}`,
  );
  return text(truncateAtWord(`Try: ${commands.join(' · ')}`, TELEGRAM_MAX_LENGTH));
}

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
  const units: Unit[] = [];
  if (reply.text !== undefined) {
    units.push(...splitText(reply.text, TELEGRAM_MAX_LENGTH).map(text));
  }
  if (reply.digest !== undefined) units.push(...digestUnits(reply.digest));
  if (reply.choices !== undefined && reply.choices.length > 0) units.push(choicesUnit(reply.choices));
  return pack(units);
}
