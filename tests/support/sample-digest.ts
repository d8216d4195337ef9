// builders for test digests. the four seed articles are Ariana News's "Latest News" page
// (/work/shared/fixtures/seed/ariana-latest-news.txt); dates as in examples/offline/ariana-news.xml.
import type { Digest, DigestItem, DigestSection } from '../../src/digest/digest.js';

/** 24 Sep 2025, 17:12 in Kabul (+04:30): three hours after the newest seed article. */
export const KABUL_NOW = Date.UTC(2025, 8, 24, 12, 42);
export const KABUL = 'Asia/Kabul';

const kabul = (iso: string): number => Date.parse(`${iso}+04:30`);
const ARIANA = 'https://www.ariananews.af/';

function seed(slug: string, title: string, summary: string, publishedAt: number): DigestItem {
  return {
    articleId: `${ARIANA}${slug}/`,
    title,
    url: `${ARIANA}${slug}/`,
    sourceId: 'ariana-news',
    sourceName: 'Ariana News',
    publishedAt,
    firstSeenAt: publishedAt + 5 * 60_000,
    summary,
    language: 'en',
    topics: [],
    alsoReportedBy: [],
  };
}

export const SEED_ITEMS: readonly DigestItem[] = [
  seed(
    'iran-rejects-us-return-to-bagram-air-base-in-afghanistan-citing-regional-security-concerns',
    'Iran rejects US return to Bagram Air Base in Afghanistan, citing regional security concerns',
    'Russia, China, and Iran have all publicly warned that the return of any American military installations in Afghanistan could undermine regional security.',
    kabul('2025-09-24T14:12:00'),
  ),
  seed(
    'central-asia-and-afghanistan-are-key-security-concerns-for-csto-lavrov',
    'Central Asia and Afghanistan are key security concerns for CSTO: Lavrov',
    'Russian Foreign Minister Sergey Lavrov said on Monday that security risks in Central Asia and developments in Afghanistan are among the primary concerns for the Collective Security Treaty Organization (CSTO).',
    kabul('2025-09-22T17:40:00'),
  ),
  seed(
    'afghanistan-to-establish-first-ever-faculty-of-prophetic-medicine',
    'Afghanistan to establish first-ever faculty of ‘prophetic medicine’',
    'The Ministry of Higher Education of Afghanistan has announced that the leader of the Islamic Emirate has approved the establishment of a faculty dedicated to “Prophetic Medicine.”',
    kabul('2025-09-21T11:05:00'),
  ),
  seed(
    'renovation-of-afghanistan-iran-border-markers-to-begin-in-the-near-future',
    'Renovation of Afghanistan–Iran border markers to begin in the near future',
    'Afghanistan’s Minister of Borders and Tribal Affairs, Noorullah Noori, has announced that the long-delayed demarcation and renovation of border markers along the Afghanistan–Iran frontier will officially begin in the near future.',
    kabul('2025-09-20T09:30:00'),
  ),
];

/** A digest in Kabul's zone, made at KABUL_NOW; by default the four seed articles in one section. */
export function makeDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    title: 'Latest news',
    generatedAt: KABUL_NOW,
    timeZone: KABUL,
    sections: [{ items: SEED_ITEMS.map((item) => ({ ...item })) }],
    emptyText: 'Nothing new yet. Try /sources to see what is followed.',
    footer: '… and 12 more: /latest 25',
    ...overrides,
  };
}

/** An item with made-up but plausible content; `n` varies its outlet, time and length. */
export function makeItem(n: number, overrides: Partial<DigestItem> = {}): DigestItem {
  const outlets = ['Ariana News', 'TOLOnews', 'Pajhwok Afghan News', 'Khaama Press', 'Amu TV'];
  const sourceName = outlets[n % outlets.length] ?? 'Ariana News';
  const sentence = 'Officials from both sides agreed to resume the border-marker renovation project. ';
  return {
    articleId: `item-${n}`,
    title: `Story ${n}: ${SEED_ITEMS[n % SEED_ITEMS.length]?.title ?? ''}`,
    url: `https://example.com/news/${n}`,
    sourceId: sourceName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    sourceName,
    publishedAt: KABUL_NOW - (n + 1) * 37 * 60_000,
    firstSeenAt: KABUL_NOW - n * 37 * 60_000,
    summary: sentence.repeat(1 + (n % 4)).trim(),
    language: 'en',
    topics: ['afghanistan'],
    alsoReportedBy: n % 3 === 0 ? [{ sourceName: 'Amu TV', url: `https://amu.tv/${n}` }] : [],
    ...overrides,
  };
}

/** A digest of `count` made-up items spread over sections of `perSection` items with headings. */
export function makeBigDigest(count: number, perSection = 20): Digest {
  const sections: DigestSection[] = [];
  for (let start = 0; start < count; start += perSection) {
    const items = Array.from({ length: Math.min(perSection, count - start) }, (_, i) => makeItem(start + i));
    sections.push({ heading: `Section ${sections.length + 1}`, items });
  }
  return makeDigest({ title: `${count} stories`, sections });
}

/** A headline from a feed that tries to inject markup and mentions. */
export const HOSTILE_TITLE =
  'Breaking <script>alert("x")</script> & @everyone <@123456789> </a> <b>bold</b> **loud** __under__ `code` ||spoiler|| [click](https://evil.example/) # not a heading';

/** Dari and Pashto text, and emoji outside the Basic Multilingual Plane (two UTF-16 units each). */
export const DARI_TITLE = 'وزارت امور خارجه افغانستان از آغاز کار ترمیم نشانه‌های مرزی خبر داد';
export const PASHTO_SUMMARY = 'د افغانستان او ایران ترمنځ د پولې نښې به په نږدې راتلونکي کې ورغول شي ۲۰۲۵';
export const EMOJI = '🇦🇫📰🕌';

/** The seed articles in two sections with headings; one is also carried elsewhere, one has no date. */
export function makeSectionsDigest(): Digest {
  const [bagram, csto, medicine, border] = SEED_ITEMS.map((item) => ({ ...item }));
  if (!bagram || !csto || !medicine || !border) throw new Error('four seed items expected');
  // made-up outlets for the example; the seed page names none
  bagram.alsoReportedBy = [
    { sourceName: 'Example Outlet', url: 'https://example.com/bagram' },
    { sourceName: 'Another Outlet' },
  ];
  const undated = { ...medicine, publishedAt: null, firstSeenAt: KABUL_NOW - 50 * 60_000 };
  return makeDigest({
    title: 'Your morning briefing',
    sections: [
      { heading: 'Iran', items: [bagram, border] },
      { heading: 'Region', items: [csto, undated] },
    ],
    footer: 'Next briefing tomorrow at 08:00. /unsubscribe to stop.',
  });
}
