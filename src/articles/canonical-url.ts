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

// keeps the other parameters exactly as written (order, encoding, "a&b" without "=")
function withoutTracking(search: string): string {
  if (search.length <= 1) return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(paramName(pair)));
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
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

/** The canonical form of an article link, resolved against base; undefined unless it is http(s). */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  const url = parse(trimmed, base);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '')
    return undefined;
  // the url is written out by hand: each URL setter would re-parse it
  const search = url.search === '' ? '' : withoutTracking(url.search);
  const fragment = url.hash.slice(1).toLowerCase();
  const hash = fragment === '' || fragment.startsWith('utm_') || fragment.startsWith('xtor=') ? '' : url.hash;
  return `${url.protocol}//${url.host}${url.pathname}${search}${hash}`;
}
