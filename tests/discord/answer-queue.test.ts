import { describe, expect, it } from 'vitest';
import { createAnswerQueue } from '../../adapters/discord/answer-queue.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Discord answer queue', () => {
  it('is crowded once enough answers are in the works, and no longer when they are ready', async () => {
    const queue = createAnswerQueue(2);
    let finish = () => undefined as void;
    const slow = queue.now(() => new Promise<string>((resolve) => (finish = () => resolve('slow'))));
    expect(queue.crowded()).toBe(false);
    const quick = queue.now(async () => 'quick');
    expect(queue.waiting).toBe(2);
    expect(queue.crowded()).toBe(true);
    expect(await quick).toBe('quick');
    expect(queue.crowded()).toBe(false);
    finish();
    expect(await slow).toBe('slow');
    expect(queue.waiting).toBe(0);
  });

  it('starts waiting answers in order, one per turn of the event loop', async () => {
    const queue = createAnswerQueue(1);
    const started: number[] = [];
    const answers = [1, 2, 3].map((n) =>
      queue.later(async () => {
        started.push(n);
        return n * 10;
      }),
    );
    // queued, counted, and not started within the turn that queued them
    expect(queue.waiting).toBe(3);
    await Promise.resolve();
    expect(started).toEqual([]);
    await nextTurn();
    expect(started).toEqual([1]);
    await nextTurn();
    expect(started).toEqual([1, 2]);
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
    expect(queue.waiting).toBe(0);
  });

  it('lets timers and I/O that came due run before the next waiting answer starts', async () => {
    const queue = createAnswerQueue(1);
    const events: string[] = [];
    const first = queue.later(async () => {
      events.push('answer 1');
      // a timer that is due by the next turn stands in for a frame waiting on the socket
      setTimeout(() => events.push('due'), 1);
      const until = performance.now() + 3;
      while (performance.now() < until);
    });
    const second = queue.later(async () => void events.push('answer 2'));
    await Promise.all([first, second]);
    expect(events).toEqual(['answer 1', 'due', 'answer 2']);
  });

  it('passes a failure on to its caller and stops counting it', async () => {
    const queue = createAnswerQueue(1);
    await expect(queue.later(() => Promise.reject(new Error('store closed')))).rejects.toThrow(
      'store closed',
    );
    await expect(queue.now(() => Promise.reject(new Error('again')))).rejects.toThrow('again');
    expect(queue.waiting).toBe(0);
    expect(await queue.later(async () => 'still works')).toBe('still works');
  });

  it('refuses a limit below one; Infinity never crowds', async () => {
    expect(() => createAnswerQueue(0)).toThrow(/at least 1, got 0/);
    expect(() => createAnswerQueue(Number.NaN)).toThrow(RangeError);
    const never = createAnswerQueue(Infinity);
    const works = Array.from({ length: 50 }, () => never.now(() => nextTurn()));
    expect(never.crowded()).toBe(false);
    await Promise.all(works);
  });
});
