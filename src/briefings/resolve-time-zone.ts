// what a reader types for a time zone ("kabul", "Tehran", "new york", "کابل") → an IANA zone.
import { foldText, words } from '../text/fold.js';
import { editDistance } from '../topics/edit-distance.js';

// cities readers of this bot name that are not the city of their IANA zone
const ALIASES: Record<string, string> = {
  کابل: 'Asia/Kabul',
  هرات: 'Asia/Kabul',
  'مزار شریف': 'Asia/Kabul',
  قندهار: 'Asia/Kabul',
  'جلال آباد': 'Asia/Kabul',
  herat: 'Asia/Kabul',
  kandahar: 'Asia/Kabul',
  'mazar i sharif': 'Asia/Kabul',
  mazar: 'Asia/Kabul',
  jalalabad: 'Asia/Kabul',
  afghanistan: 'Asia/Kabul',
  تهران: 'Asia/Tehran',
  مشهد: 'Asia/Tehran',
  iran: 'Asia/Tehran',
  mashhad: 'Asia/Tehran',
  islamabad: 'Asia/Karachi',
  peshawar: 'Asia/Karachi',
  lahore: 'Asia/Karachi',
  quetta: 'Asia/Karachi',
  pakistan: 'Asia/Karachi',
  delhi: 'Asia/Kolkata',
  'new delhi': 'Asia/Kolkata',
  mumbai: 'Asia/Kolkata',
  india: 'Asia/Kolkata',
  beijing: 'Asia/Shanghai',
  washington: 'America/New_York',
  'washington dc': 'America/New_York',
  'san francisco': 'America/Los_Angeles',
  utc: 'UTC',
  gmt: 'UTC',
};

const fold = (text: string) => words(foldText(text)).join(' ');

interface ZoneKey {
  key: string;
  zone: string;
}

let keys: ZoneKey[] | undefined;
let byKey: Map<string, string> | undefined;

// folded full ids ("asia kabul") and cities ("kabul", "new york"), built once
function zoneKeys(): { keys: ZoneKey[]; byKey: Map<string, string> } {
  if (!keys || !byKey) {
    const list: ZoneKey[] = [];
    const map = new Map<string, string>();
    const add = (key: string, zone: string) => {
      if (key === '') return;
      list.push({ key, zone });
      if (!map.has(key)) map.set(key, zone);
    };
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const canonical = canonicalZone(zone) ?? zone;
      add(fold(zone), canonical);
      const city = zone.split('/').pop() ?? '';
      add(fold(city), canonical);
    }
    for (const [alias, zone] of Object.entries(ALIASES)) add(fold(alias), zone);
    keys = list;
    byKey = map;
  }
  return { keys, byKey };
}

/** the zone's canonical spelling ("asia/kabul" → "Asia/Kabul"), or undefined if the runtime does not know it */
function canonicalZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** an IANA zone from a zone id in any case, a city or a country we know; undefined when none matches */
export function resolveTimeZone(input: string): string | undefined {
  const text = input.trim();
  if (text === '' || text.length > 64) return undefined;
  // zone ids look like "Asia/Kabul" or "UTC"; Intl also takes other spellings we do not want to store
  if (/^[A-Za-z_+-]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(text)) {
    const canonical = canonicalZone(text);
    if (canonical && /^[A-Za-z]/.test(canonical)) return canonical;
  }
  return zoneKeys().byKey.get(fold(text));
}

/** the zones whose id or city is closest to a mistyped one, best first */
export function suggestTimeZones(input: string, limit = 3): string[] {
  const query = fold(input);
  if (query === '') return [];
  const allowed = Math.max(1, Math.floor(query.length / 4));
  const best = new Map<string, number>();
  for (const { key, zone } of zoneKeys().keys) {
    if (Math.abs(key.length - query.length) > allowed) continue;
    const distance = editDistance(query, key);
    if (distance <= allowed && distance < (best.get(zone) ?? Infinity)) best.set(zone, distance);
  }
  return [...best.entries()]
    .sort(([zoneA, a], [zoneB, b]) => a - b || zoneA.localeCompare(zoneB))
    .slice(0, limit)
    .map(([zone]) => zone);
}

/** zones for a reader typing one (autocomplete): those whose id or city starts with the text, then the closest */
export function timeZoneChoices(typed: string, limit = 25): string[] {
  const query = fold(typed);
  const found = new Set<string>();
  const exact = resolveTimeZone(typed);
  if (exact) found.add(exact);
  if (query !== '') {
    for (const { key, zone } of zoneKeys().keys) {
      if (found.size >= limit) break;
      if (key.startsWith(query)) found.add(zone);
    }
  }
  for (const zone of query === '' ? [] : suggestTimeZones(typed, limit)) found.add(zone);
  return [...found].slice(0, limit);
}
