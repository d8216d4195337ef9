// the corpus feeds (../shared/corpora: feedparser's test feeds and json feeds) mutated thousands
// of times with a fixed seed (byte flips, truncation, duplicated elements, deep nesting, entity
// injection, odd encodings): every parse ends in a result or a FeedError, within 1 s of cpu time
// (the wall clock is not ours on a busy machine), in bounded memory. BRIEFER_FUZZ_MUTATIONS=100000 (and BRIEFER_FUZZ_SEED) for a longer run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/errors.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { createParsePool } from '../../src/ingest/parse-pool.js';
import { REPO_ROOT } from '../support/seed-briefer.js';

const corpora = process.env.BRIEFER_CORPORA ?? path.resolve(REPO_ROOT, '../shared/corpora');
const MUTATIONS = Number(process.env.BRIEFER_FUZZ_MUTATIONS ?? 3_000);
const SEED = Number(process.env.BRIEFER_FUZZ_SEED ?? 20_261_128);
const THROUGH_WORKER = 40;
const PARSE_LIMIT_MS = 1_000;
const HEAP_LIMIT = 768 * 1024 * 1024;
// mutated inputs are kept under 512 kB: at the parser's normal pace that is well under the limit,
// so only a pathology (work growing faster than the input) can pass it; the 5 MB cap and the
// parse worker's time limit are tested elsewhere
const MAX_INPUT = 512 * 1024;

function corpusFeeds(): Buffer[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(xml|json|rss|atom|rdf)$/i.test(name)) files.push(full);
    }
  };
  walk(path.join(corpora, 'feedparser'));
  walk(path.join(corpora, 'jsonfeed'));
  return files.map((file) => readFileSync(file));
}

/** mulberry32: a small seeded generator, so a failure can be replayed */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Mutation = (input: Buffer, random: () => number) => Buffer;

const between = (random: () => number, low: number, high: number) =>
  low + Math.floor(random() * (high - low + 1));
const at = (input: Buffer, random: () => number) => Math.floor(random() * (input.length + 1));
const insert = (input: Buffer, where: number, text: string | Buffer) =>
  Buffer.concat([input.subarray(0, where), Buffer.from(text), input.subarray(where)]);

// after the root element's start tag, where injected markup lands inside the document
function insidePoint(input: Buffer, random: () => number): number {
  const text = input.toString('latin1');
  const root = /<(rss|feed|rdf:RDF|channel|entry|item)\b[^>]*>/i.exec(text);
  return root ? root.index + root[0].length : at(input, random);
}

const ENTITY_ATTACKS = [
  () => '&amp;'.repeat(50_000),
  () => '&#0;&#xD800;&#xFFFE;&#99999999999;&#x110000;&#;&#x;&unknown;&lt',
  () => '&nbsp;&eacute;&hellip;&mdash;'.repeat(20_000),
  () => '<!ENTITY a "aaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">&b;&b;&b;',
  () => '<title>&lol9;</title>',
  () => '<![CDATA[' + ']]]]><![CDATA[>'.repeat(10_000) + ']]>',
];

const BILLION_LAUGHS =
  '<!DOCTYPE rss [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
  ']>';

const MUTATIONS_BY_NAME: Record<string, Mutation> = {
  flipBytes(input, random) {
    const out = Buffer.from(input);
    for (let n = between(random, 1, 24); n > 0 && out.length > 0; n--) {
      out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
    }
    return out;
  },
  truncate: (input, random) => input.subarray(0, at(input, random)),
  duplicateElement(input, random) {
    const text = input.toString('latin1');
    const elements = [
      ...text.matchAll(/<(item|entry|title|link|category|author|description)\b[\s\S]*?<\/\1>/gi),
    ];
    const chosen = elements[Math.floor(random() * elements.length)];
    const piece = chosen?.[0] ?? text.slice(0, 200);
    const times = between(random, 2, Math.max(2, Math.floor(MAX_INPUT / 4 / Math.max(1, piece.length))));
    const where = chosen?.index ?? at(input, random);
    return insert(input, where, Buffer.from(piece.repeat(Math.min(times, 20_000)), 'latin1'));
  },
  deepNesting(input, random) {
    const depth = between(random, 100, 60_000);
    const tag = ['div', 'b', 'x', 'item', 'entry', 'content'][between(random, 0, 5)] ?? 'x';
    const escaped = random() < 0.5;
    const open = escaped ? `&lt;${tag}&gt;` : `<${tag}>`;
    const close = escaped ? `&lt;/${tag}&gt;` : `</${tag}>`;
    const body = random() < 0.3 ? open.repeat(depth) : open.repeat(depth) + close.repeat(depth);
    return insert(input, insidePoint(input, random), body);
  },
  injectEntities(input, random) {
    if (random() < 0.3) {
      const text = input.toString('latin1');
      const prolog = /^(\uFEFF?<\?xml[^>]*\?>)?/.exec(text)?.[0]?.length ?? 0;
      return insert(input, prolog, BILLION_LAUGHS + (random() < 0.5 ? '<!DOCTYPE again>' : ''));
    }
    const attack = ENTITY_ATTACKS[between(random, 0, ENTITY_ATTACKS.length - 1)] ?? ENTITY_ATTACKS[0]!;
    return insert(input, insidePoint(input, random), attack());
  },
  oddEncoding(input, random) {
    const declarations = [
      'utf-16',
      'utf-32',
      'x-unknown',
      'iso-8859-1',
      'windows-1256',
      'shift_jis',
      'utf-7',
    ];
    const encoding = declarations[between(random, 0, declarations.length - 1)] ?? 'utf-16';
    const text = input.toString('latin1').replace(/encoding=["'][^"']*["']/, `encoding="${encoding}"`);
    const bom = [
      Buffer.alloc(0),
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from([0xff, 0xfe]),
      Buffer.from([0xfe, 0xff]),
    ][between(random, 0, 3)]!;
    return Buffer.concat([bom, Buffer.from(text, 'latin1')]);
  },
  attributeStorm(input, random) {
    const attributes = Array.from(
      { length: between(random, 100, 4_000) },
      (_, i) => ` a${i}="${'v'.repeat(i % 7)}"`,
    );
    return insert(input, insidePoint(input, random), `<item${attributes.join('')}><title>x</title></item>`);
  },
};

const NAMES = Object.keys(MUTATIONS_BY_NAME);

interface Case {
  index: number;
  name: string;
  bytes: Buffer;
}

function* cases(feeds: Buffer[], count: number, seed: number): Generator<Case> {
  const random = generator(seed);
  for (let index = 0; index < count; index++) {
    let bytes = feeds[Math.floor(random() * feeds.length)] ?? Buffer.alloc(0);
    // one to three mutations stacked
    const names: string[] = [];
    for (let n = between(random, 1, 3); n > 0; n--) {
      const name = NAMES[Math.floor(random() * NAMES.length)] ?? 'truncate';
      names.push(name);
      bytes = MUTATIONS_BY_NAME[name]!(bytes, random);
      if (bytes.length > MAX_INPUT) bytes = bytes.subarray(0, MAX_INPUT);
    }
    yield { index, name: names.join('+'), bytes };
  }
}

const options = { sourceId: 'fuzz', language: 'en', url: 'https://fuzz.example/feed.xml' };
const pool = createParsePool({ size: 1, timeoutMs: 5_000 });

afterAll(() => pool.close());

describe(`${MUTATIONS.toLocaleString('en')} mutated corpus feeds (seed ${SEED})`, () => {
  const feeds = corpusFeeds();

  it('reads the corpus', () => {
    expect(feeds.length).toBeGreaterThan(2_000);
  });

  it(
    'never crash, never take a second, never grow the heap without bound',
    () => {
      const crashes: string[] = [];
      const slow: string[] = [];
      const byName = new Map<string, number>();
      let parsed = 0;
      let refused = 0;
      let peakHeap = 0;
      for (const { index, name, bytes } of cases(feeds, MUTATIONS, SEED)) {
        byName.set(name, (byName.get(name) ?? 0) + 1);
        const started = process.cpuUsage();
        try {
          const feed = parseFeed(bytes, options);
          expect(Array.isArray(feed.articles)).toBe(true);
          parsed++;
        } catch (error) {
          if (error instanceof FeedError && !error.message.includes('\n')) refused++;
          else
            crashes.push(
              `#${index} ${name}: ${(error as Error)?.name} ${(error as Error)?.message}`.slice(0, 300),
            );
        }
        const used = process.cpuUsage(started);
        const took = (used.user + used.system) / 1000;
        if (took > PARSE_LIMIT_MS)
          slow.push(`#${index} ${name}: ${took.toFixed(0)} ms cpu, ${bytes.length} bytes`);
        if (index % 100 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      }
      expect(crashes).toEqual([]);
      expect(slow).toEqual([]);
      expect(parsed + refused).toBe(MUTATIONS);
      // both outcomes happen: the mutations are neither all harmless nor all fatal
      expect(parsed).toBeGreaterThan(MUTATIONS / 10);
      expect(refused).toBeGreaterThan(MUTATIONS / 10);
      expect(peakHeap).toBeLessThan(HEAP_LIMIT);
      expect([...byName.keys()].filter((name) => !name.includes('+'))).toHaveLength(NAMES.length);
    },
    Math.max(120_000, MUTATIONS * 60),
  );

  it('the nastiest of them parse on the worker too, within its limit', async () => {
    const heavy = [...cases(feeds, THROUGH_WORKER * 10, SEED + 1)]
      .filter(({ name }) => /deepNesting|duplicateElement|injectEntities|attributeStorm/.test(name))
      .slice(0, THROUGH_WORKER);
    expect(heavy.length).toBe(THROUGH_WORKER);
    const outcomes = await Promise.all(
      heavy.map(({ bytes }) =>
        pool.run({ kind: 'feed', bytes: new Uint8Array(bytes), options }).then(
          () => 'parsed',
          (error: unknown) => (error instanceof FeedError ? 'refused' : `crashed: ${String(error)}`),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.startsWith('crashed'))).toEqual([]);
    expect(pool.restarts).toBe(0);
  });
});
