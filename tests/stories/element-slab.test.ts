import { describe, expect, it } from 'vitest';
import { ElementSlab } from '../../src/stories/element-slab.js';

describe('element slab', () => {
  it('hands out zeroed views that never overlap, and reuses the room given back', () => {
    const slab = new ElementSlab();
    let seed = 5;
    const next = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647);
    const held: { view: Uint32Array; mark: number }[] = [];
    for (let n = 1; n <= 50_000; n++) {
      const view = slab.take(1 + (next() % 120));
      expect(view.every((value) => value === 0)).toBe(true);
      view.fill(n);
      held.push({ view, mark: n });
      // about the last thousand sets are held at once, leaving in about the order they came
      if (held.length > 1_000) {
        const leaving = held.splice(next() % 50, 1)[0]!;
        expect(leaving.view.every((value) => value === leaving.mark)).toBe(true);
        slab.giveBack(leaving.view);
      }
    }
    for (const { view, mark } of held) expect(view.every((value) => value === mark)).toBe(true);
    // 1,000 sets of at most 120 elements at once: 480 KB at most, however many came and went
    expect(slab.byteLength).toBeLessThanOrEqual(8 * 65_536);
  });

  it('gives a long set an array of its own, and ignores arrays that are not its own', () => {
    const slab = new ElementSlab();
    const long = slab.take(5_000);
    expect(long.length).toBe(5_000);
    expect(long.byteOffset).toBe(0);
    slab.giveBack(long);
    slab.giveBack(new Uint32Array(8));
    expect(slab.take(0).length).toBe(0);
    expect(slab.byteLength).toBe(0);
    const short = slab.take(8);
    expect(short.buffer.byteLength).toBe(65_536);
  });
});
