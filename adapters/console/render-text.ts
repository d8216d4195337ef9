import type { Reply } from '../../commands/command.js';
import {
  directionOf,
  formatItemTime,
  httpUrl,
  isolateField,
  isolateRuns,
  t,
  type Digest,
  type DigestItem,
  type Direction,
  type Locale,
} from '../../src/index.js';

// a piece of a line: `isolate` for text from feeds (either direction), `attach` to glue it to what precedes
interface Run {
  text: string;
  isolate?: boolean;
  attach?: boolean;
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 20;
const ALSO_SHOWN = 5;

// terminal control characters and bidi embeddings/isolates from feeds: dropped, ours are added where needed
const UNSAFE = /(?!\n)[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// characters that take no column: combining marks (variation selectors too), zero-width and bidi controls
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\u2060-\u2069\uFEFF]/u;

/** Text from outside made safe for a terminal; `oneLine` also folds line breaks into spaces. */
function clean(text: string, oneLine = true): string {
  const safe = text.replace(/\t/g, ' ').replace(LONE_SURROGATE, '\uFFFD').replace(UNSAFE, '');
  return oneLine ? safe.replace(/\s+/g, ' ').trim() : safe.replace(/\r\n?/g, '\n');
}

// characters a terminal draws two columns wide: CJK, Hangul, and most emoji (a flag is two indicators)
const WIDE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F680}-\u{1F6FF}\u{1F900}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) if (!ZERO_WIDTH.test(ch)) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

interface Token {
  word: string;
  run: number;
  attach: boolean;
}

/**
 * Wraps runs into lines of at most `width` columns without breaking words (a longer word gets a
 * line of its own). On each line, text of the other direction than `direction` is wrapped in
 * U+2068 … U+2069 (src/i18n), so it reads correctly next to the reply's own words and numbers.
 */
function wrap(runs: Run[], width: number, direction: Direction, indent = '', hanging = indent): string[] {
  const tokens: Token[] = runs.flatMap((run, index) =>
    run.text
      .split(/\s+/)
      .filter((word) => word !== '')
      .map((word, position) => ({ word, run: index, attach: position === 0 && run.attach === true })),
  );
  // words glued together never break apart
  const chunks: Token[][] = [];
  for (const token of tokens) {
    const last = chunks.at(-1);
    if (token.attach && last !== undefined) last.push(token);
    else chunks.push([token]);
  }
  const lines: Token[][][] = [];
  let current: Token[][] = [];
  let used = 0;
  for (const chunk of chunks) {
    const size = chunk.reduce((sum, t) => sum + displayWidth(t.word), 0);
    const room = width - displayWidth(lines.length === 0 ? indent : hanging);
    if (current.length > 0 && used + 1 + size > room) {
      lines.push(current);
      current = [];
      used = 0;
    }
    used += (current.length > 0 ? 1 : 0) + size;
    current.push(chunk);
  }
  if (current.length > 0) lines.push(current);
  return lines.map(
    (line, index) => (index === 0 ? indent : hanging) + renderLine(line.flat(), runs, direction),
  );
}

function renderLine(tokens: Token[], runs: Run[], direction: Direction): string {
  const groups: { run: number; text: string; attach: boolean }[] = [];
  for (const token of tokens) {
    const last = groups.at(-1);
    if (last !== undefined && last.run === token.run) last.text += (token.attach ? '' : ' ') + token.word;
    else groups.push({ run: token.run, text: token.word, attach: token.attach });
  }
  return groups
    .map((group, index) => {
      const text =
        runs[group.run]?.isolate === true
          ? isolateField(group.text, direction)
          : isolateRuns(group.text, direction);
      return index === 0 || group.attach ? text : ` ${text}`;
    })
    .join('');
}

function itemLines(item: DigestItem, digest: Digest, width: number): string[] {
  const locale: Locale = digest.locale ?? 'en';
  const direction = directionOf(locale);
  const lines = wrap([{ text: clean(item.title), isolate: true }], width, direction, '• ', '  ');
  lines.push(
    ...wrap(
      [{ text: clean(item.sourceName), isolate: true }, { text: `· ${formatItemTime(item, digest)}` }],
      width,
      direction,
      '  ',
    ),
  );
  const summary = clean(item.summary);
  if (summary !== '') lines.push(...wrap([{ text: summary, isolate: true }], width, direction, '  '));
  if (item.alsoReportedBy.length > 0) {
    const names: Run[] = item.alsoReportedBy
      .slice(0, ALSO_SHOWN)
      .map((other) => ({ text: clean(other.sourceName), isolate: true }));
    const more = item.alsoReportedBy.length - names.length;
    if (more > 0) names.push({ text: t(locale, 'render.more', { count: more }) });
    const comma = t(locale, 'list.separator').trim();
    const runs: Run[] = [{ text: t(locale, 'render.also') }];
    names.forEach((name, index) => {
      runs.push(name);
      if (index < names.length - 1) runs.push({ text: comma, attach: true });
    });
    lines.push(...wrap(runs, width, direction, '  '));
  }
  const url = httpUrl(item.url);
  if (url !== undefined) lines.push(`  ${url}`);
  return lines;
}

function digestBlocks(digest: Digest, width: number): string[][] {
  const direction = directionOf(digest.locale ?? 'en');
  const blocks: string[][] = [];
  // the title, empty text, headings and footer are the bot's words (with a topic's or a search's)
  const title = clean(digest.title);
  if (title !== '') blocks.push(wrap([{ text: title }], width, direction));
  const items = digest.sections.flatMap((section) => section.items);
  if (items.length === 0) blocks.push(wrap([{ text: clean(digest.emptyText) }], width, direction));
  for (const section of digest.sections) {
    const heading = clean(section.heading ?? '');
    if (heading !== '' && section.items.length > 0) {
      blocks.push(wrap([{ text: '──' }, { text: heading }, { text: '──' }], width, direction));
    }
    for (const item of section.items) blocks.push(itemLines(item, digest, width));
  }
  const footer = clean(digest.footer ?? '');
  if (footer !== '') blocks.push(wrap([{ text: footer }], width, direction));
  return blocks;
}

/** Renders a reply as plain text for a terminal, wrapped at `width` columns (default 100). */
export function renderText(reply: Reply, options: { width?: number } = {}): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const locale = reply.locale ?? 'en';
  const direction = directionOf(locale);
  const blocks: string[][] = [];
  if (reply.text !== undefined) {
    const lines = clean(reply.text, false)
      .trim()
      .split('\n')
      .flatMap((line) => (line.trim() === '' ? [''] : wrap([{ text: line }], width, direction)));
    if (lines.length > 0 && lines.some((line) => line !== '')) blocks.push(lines);
  }
  if (reply.digest !== undefined) blocks.push(...digestBlocks(reply.digest, width));
  if (reply.choices !== undefined && reply.choices.length > 0) {
    const commands = reply.choices.map((choice) => clean(choice.command)).filter((command) => command !== '');
    const shown = commands.map((command) => (command.startsWith('/') ? command : `/${command}`));
    blocks.push(
      wrap(
        [
          { text: t(locale, 'render.try') },
          ...shown.map((text, i) => ({ text: i === 0 ? text : `· ${text}` })),
        ],
        width,
        direction,
      ),
    );
  }
  if (reply.file !== undefined) {
    // a document is shown whole, as text: its lines are not wrapped
    const name = clean(reply.file.name);
    const type = clean(reply.file.mimeType);
    const content = clean(reply.file.content, false).replace(/\s+$/, '');
    blocks.push([`── ${name} (${type}) ──`, ...content.split('\n'), `── end of ${name} ──`]);
  }
  return blocks
    .filter((block) => block.length > 0)
    .map((block) => block.join('\n'))
    .join('\n\n');
}
