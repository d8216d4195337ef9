import type { CompareAge } from './time-order.js';

/**
 * The `k` newest of `slots[0 .. length)`, newest first. A bounded heap: O(length × log k), so a page
 * near the top of a large result costs little more than reading the result once.
 */
export function newestFirst(
  slots: ArrayLike<number>,
  length: number,
  k: number,
  compare: CompareAge,
): number[] {
  if (k <= 0 || length === 0) return [];
  if (k >= length) {
    const all = Array.from({ length }, (_, i) => slots[i] as number);
    return all.sort((a, b) => compare(b, a));
  }
  // min-heap on age: heap[0] is the oldest slot kept so far
  const heap: number[] = [];
  const older = (i: number, j: number) => compare(heap[i] as number, heap[j] as number) < 0;
  const swap = (i: number, j: number) => {
    const held = heap[i] as number;
    heap[i] = heap[j] as number;
    heap[j] = held;
  };
  for (let n = 0; n < length; n++) {
    const slot = slots[n] as number;
    if (heap.length < k) {
      heap.push(slot);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!older(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(slot, heap[0] as number) > 0) {
      heap[0] = slot;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let oldest = i;
        if (left < k && older(left, oldest)) oldest = left;
        if (right < k && older(right, oldest)) oldest = right;
        if (oldest === i) break;
        swap(i, oldest);
        i = oldest;
      }
    }
  }
  return heap.sort((a, b) => compare(b, a));
}

/** whether `phrase` occurs as consecutive words in `text` (both folded into words) */
export function containsPhrase(text: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let start = 0; start + phrase.length <= text.length; start++) {
    for (let i = 0; i < phrase.length; i++) if (text[start + i] !== phrase[i]) continue outer;
    return true;
  }
  return false;
}
