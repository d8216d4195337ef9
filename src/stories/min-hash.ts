// minhash over weighted terms: a term of weight 2 is two elements (itself and a twin), so the jaccard
// of element sets is the weighted jaccard Σmin/Σmax of the terms, and the signature estimates it.
// a term's element is even and its twin is the next odd number: `element >>> 1` names the term.
import type { StoryTerm } from './story-text.js';

/** murmur3's 32-bit finaliser: a cheap, well-mixed hash of an int */
export function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over UTF-16 code units, then mixed */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** The element set of a report's terms: sorted, distinct 32-bit hashes, in an array from `take`. */
export function termElements(
  terms: readonly StoryTerm[],
  take: (length: number) => Uint32Array = (length) => new Uint32Array(length),
): Uint32Array {
  const elements = take(terms.reduce((sum, { weight }) => sum + weight, 0));
  let n = 0;
  for (const { term, weight } of terms) {
    const h = (hashString(term) & ~1) >>> 0;
    elements[n++] = h;
    if (weight === 2) elements[n++] = h + 1;
  }
  elements.sort();
  // distinct: two terms may, very rarely, hash alike
  let kept = 0;
  for (let i = 0; i < n; i++)
    if (i === 0 || elements[i] !== elements[kept - 1]) elements[kept++] = elements[i]!;
  return kept === elements.length ? elements : elements.subarray(0, kept);
}

/** How many elements two sorted element sets share. */
export function sharedElements(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** Seeds of `count` hash functions, fixed so signatures agree across runs and restarts. */
export function minHashSeeds(count: number): Uint32Array {
  const seeds = new Uint32Array(count);
  for (let k = 0; k < count; k++) seeds[k] = mix32(0x5bd1e995 + k * 0x27d4eb2d);
  return seeds;
}

/** The minhash signature of an element set: for each seed, the least mixed element. */
export function minHashSignature(elements: Uint32Array, seeds: Uint32Array, into?: Uint32Array): Uint32Array {
  const signature = into ?? new Uint32Array(seeds.length);
  signature.fill(0xffffffff);
  for (let k = 0; k < seeds.length; k++) {
    const seed = seeds[k]!;
    let least = 0xffffffff;
    for (let i = 0; i < elements.length; i++) {
      const h = mix32(elements[i]! ^ seed);
      if (h < least) least = h;
    }
    signature[k] = least;
  }
  return signature;
}
