// a feed's own advice on how often to poll it: rss <ttl> (minutes) and the syndication module's
// sy:updatePeriod / sy:updateFrequency. json feed has none. kept within bounds by the caller's policy.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface IntervalBounds {
  minMs: number;
  maxMs: number;
}

export const DEFAULT_INTERVAL_BOUNDS: IntervalBounds = { minMs: 5 * MINUTE, maxMs: 24 * HOUR };

const PERIODS: Record<string, number> = {
  hourly: HOUR,
  daily: 24 * HOUR,
  weekly: 7 * 24 * HOUR,
  monthly: 30 * 24 * HOUR,
  yearly: 365 * 24 * HOUR,
};

/** The interval the feed asks for, in ms, or undefined when it says nothing usable. */
export function readFeedInterval(bytes: Uint8Array): number | undefined {
  // tag names are ascii, so latin1 reads them out of utf-8 and any ascii-compatible charset
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (/^\s*[[{]/.test(text)) return undefined;
  const channel = channelPart(text);
  const found: number[] = [];
  const ttl = /<ttl\s*>\s*(\d{1,7})\s*<\/ttl\s*>/i.exec(channel)?.[1];
  if (ttl !== undefined && Number(ttl) > 0) found.push(Number(ttl) * MINUTE);
  const period = /<(?:[\w.-]+:)?updatePeriod\s*>\s*([a-z]+)\s*</i.exec(channel)?.[1]?.toLowerCase();
  const frequency = /<(?:[\w.-]+:)?updateFrequency\s*>\s*(\d{1,6})\s*</i.exec(channel)?.[1];
  const periodMs = PERIODS[period ?? (frequency !== undefined ? 'daily' : '')];
  if (periodMs !== undefined) found.push(periodMs / Math.max(1, Number(frequency ?? 1)));
  // when both are given, the more patient one wins
  return found.length ? Math.max(...found) : undefined;
}

/** The feed's interval (or `fallbackMs` when it has none) kept within `bounds`. */
export function suggestPollInterval(
  bytes: Uint8Array,
  fallbackMs: number,
  bounds: IntervalBounds = DEFAULT_INTERVAL_BOUNDS,
): number {
  const wanted = readFeedInterval(bytes) ?? fallbackMs;
  return Math.min(bounds.maxMs, Math.max(bounds.minMs, wanted));
}

/** The feed's head and what follows its last item: items' own content never counts. */
function channelPart(text: string): string {
  const first = text.search(/<(?:[\w.-]+:)?(?:item|entry)[\s>]/i);
  if (first < 0) return text;
  const closes = [...text.matchAll(/<\/(?:[\w.-]+:)?(?:item|entry)\s*>/gi)];
  const last = closes.at(-1);
  const tail = last?.index === undefined ? '' : text.slice(last.index + last[0].length);
  return text.slice(0, first) + tail;
}
