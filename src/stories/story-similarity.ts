// the two measures a join is decided by, over sorted element sets (terms, names and numbers twice).
import { sharedElements } from './min-hash.js';

/** Weighted jaccard of two reports, or 0 when they share fewer than `minShared` elements. */
export function similarity(a: Uint32Array, b: Uint32Array, minShared: number): number {
  const shared = sharedElements(a, b);
  return shared === 0 || shared < minShared ? 0 : shared / (a.length + b.length - shared);
}

/** The share of a report's elements whose term appears in any of a story's reports. */
export function coverage(mine: Uint32Array, reports: readonly Uint32Array[]): number {
  if (mine.length === 0) return 0;
  const found = new Uint8Array(mine.length);
  for (const other of reports) {
    let j = 0;
    for (let i = 0; i < mine.length; i++) {
      const term = mine[i]! >>> 1;
      while (j < other.length && other[j]! >>> 1 < term) j++;
      if (j < other.length && other[j]! >>> 1 === term) found[i] = 1;
    }
  }
  let count = 0;
  for (const flag of found) count += flag;
  return count / mine.length;
}
