import { describe, expect, it } from 'vitest';
import { DueQueue } from '../../src/briefings/due-queue.js';
import { LiveWatch } from '../../src/briefings/live-watch.js';

const MINUTE = 60_000;

describe('the due queue', () => {
  it('gives the chats due by now, earliest minute first, each once', () => {
    const queue = new DueQueue();
    queue.schedule('a', 10 * MINUTE);
    queue.schedule('b', 5 * MINUTE + 30_000); // due in the middle of a minute: the tick after it
    queue.schedule('c', 20 * MINUTE);
    expect(queue.popDue(5 * MINUTE)).toEqual([]);
    expect(queue.popDue(10 * MINUTE)).toEqual([
      { target: 'b', due: 5 * MINUTE + 30_000 },
      { target: 'a', due: 10 * MINUTE },
    ]);
    expect(queue.popDue(10 * MINUTE)).toEqual([]);
    expect(queue.size).toBe(1);
  });

  it('moves a rescheduled chat and forgets a cancelled one', () => {
    const queue = new DueQueue();
    queue.schedule('a', MINUTE);
    queue.schedule('a', 3 * MINUTE);
    queue.schedule('b', 2 * MINUTE);
    queue.cancel('b');
    expect(queue.dueAt('a')).toBe(3 * MINUTE);
    expect(queue.dueAt('b')).toBeUndefined();
    expect(queue.popDue(2 * MINUTE)).toEqual([]);
    expect(queue.popDue(3 * MINUTE).map((d) => d.target)).toEqual(['a']);
  });
});

describe('live chats waiting for a story', () => {
  it('wakes only the chats that follow one of its topics, or every topic, once', () => {
    const watch = new LiveWatch();
    watch.watch('iran-only', ['iran']);
    watch.watch('everything', []);
    watch.watch('sports', ['sports']);
    const woken: string[] = [];
    watch.wake(['iran', 'afghanistan'], (target) => (woken.push(target), true));
    expect(woken.sort()).toEqual(['everything', 'iran-only']);
    expect(watch.has('iran-only')).toBe(false);
    expect(watch.has('sports')).toBe(true);
    watch.wake(['sports'], () => false);
    expect(watch.has('sports')).toBe(true);
  });
});
