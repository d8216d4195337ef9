// one spelling per article url, so the same story from two feeds (or two fetches) matches:
// absolute, http(s) only, lower-case host, no default port, no tracking parameters.

// query parameters that only track the click, never select the content (compared in lower case)
const TRACKING = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'xtor',
  'ncid',
  'ocid',
  'cmpid',
  'wt.mc_id',
  'wt_mc_id',
  'at_medium',
  'at_campaign',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'rb_clickid',
  's_cid',
  'ito',
  'soc_src',
  'soc_trk',
  'sr_share',
  'ref_src',
  'ref_url',
  '__twitter_impression',
]);

function isTracking(name: string): boolean {
  if (name.startsWith('utm_')) return true; // the usual spelling, known without lower-casing
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || lower.startsWith('at_custom') || TRACKING.has(lower);
}

function paramName(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = eq === -1 ? pair : pair.slice(0, eq);
  if (raw.indexOf('%') === -1 && raw.indexOf('+') === -1) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

// keeps the other parameters exactly as written (order, encoding, "a&b" without "="); empty ones go
function withoutTracking(search: string): string {
  if (search.length <= 1) return '';
  let kept = '';
  let changed = false;
  for (let start = 1; start <= search.length;) {
    const amp = search.indexOf('&', start);
    const end = amp === -1 ? search.length : amp;
    const pair = search.slice(start, end);
    if (pair === '' || isTracking(paramName(pair))) changed = true;
    else kept = kept === '' ? pair : `${kept}&${pair}`;
    start = end + 1;
  }
  if (!changed) return search;
  return kept === '' ? '' : `?${kept}`;
}

function parse(raw: string, base: string | undefined): URL | undefined {
  if (base !== undefined) {
    try {
      return new URL(raw, base);
    } catch {
      // a bad base: try the link on its own
    }
  }
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

// an absolute http(s) url that the url parser would give back as written: a lower-case host whose
// last label starts with a letter, no port or credentials, and only characters it never escapes
const PLAIN_URL =
  /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?:\/[\w\-.~!$&'()*+,;=:@%/]*)?(?:\?[\w\-.~!$&()*+,;=:@%/?]*)?(?:#[\w\-.~!$&'()*+,;=:@%/?]*)?$/;
// what the parser would rewrite: dot segments (maybe percent-encoded) and punycode labels
const REWRITTEN = /\/\.\.?(?:[/?#]|$)|%2e|xn--/i;

// a fragment that only tracks (#utm_…, #xtor=…) goes, as does an empty one
function keptFragment(hash: string): string {
  const fragment = hash.slice(1).toLowerCase();
  return fragment === '' || fragment.startsWith('utm_') || fragment.startsWith('xtor=') ? '' : hash;
}

function assemble(origin: string, pathname: string, search: string, hash: string): string {
  const query = search === '' ? '' : withoutTracking(search);
  return `${origin}${pathname}${query}${keptFragment(hash)}`;
}

// where character ch first occurs in text from `from`, if before `limit`; else limit
function indexBefore(text: string, ch: string, from: number, limit: number): number {
  const at = text.indexOf(ch, from);
  return at === -1 || at > limit ? limit : at;
}

// a plain url (see PLAIN_URL) taken apart where it stands: nothing is built that need not be
function canonicalPlainUrl(url: string): string {
  const hostStart = url.indexOf('//') + 2;
  // the host holds none of these; the path no "?" or "#"; the query no "#"
  const hashAt = indexBefore(url, '#', hostStart, url.length);
  const searchAt = indexBefore(url, '?', hostStart, hashAt);
  const pathAt = indexBefore(url, '/', hostStart, searchAt);
  const search = url.slice(searchAt, hashAt);
  const query = search === '' ? '' : withoutTracking(search);
  const fragment = hashAt === url.length ? '' : keptFragment(url.slice(hashAt));
  if (pathAt === searchAt) return `${url.slice(0, pathAt)}/${query}${fragment}`;
  if (query === search && fragment.length === url.length - hashAt) return url;
  const head = url.slice(0, searchAt);
  return query === '' && fragment === '' ? head : `${head}${query}${fragment}`;
}

/** The canonical form of an article link, resolved against base; undefined unless it is http(s). */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  // most links are plain and absolute: read them without the (costly) url parser
  if (PLAIN_URL.test(trimmed) && !REWRITTEN.test(trimmed)) return canonicalPlainUrl(trimmed);
  const url = parse(trimmed, base);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '')
    return undefined;
  // the url is written out by hand: each URL setter would re-parse it
  return assemble(`${url.protocol}//${url.host}`, url.pathname, url.search, url.hash);
}
