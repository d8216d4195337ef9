import { describe, expect, it } from 'vitest';
import { createAnswerQueue } from '../../adapters/discord/answer-queue.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Discord answer queue', () => {
  it('starts answers in order, one per turn of the event loop, each once those before it started', async () => {
    const queue = createAnswerQueue();
    const started: number[] = [];
    const answers = [1, 2, 3].map((n) =>
      queue.run(async () => {
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
    expect(queue.waiting).toBe(2);
    await nextTurn();
    expect(started).toEqual([1, 2]);
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
    expect(queue.waiting).toBe(0);
  });

  it('lets timers and I/O that came due run before the next answer starts', async () => {
    const queue = createAnswerQueue();
    const events: string[] = [];
    const first = queue.run(async () => {
      events.push('answer 1');
      // a timer that is due by the next turn stands in for a frame waiting on the socket
      setTimeout(() => events.push('due'), 1);
      const until = performance.now() + 3;
      while (performance.now() < until);
    });
    const second = queue.run(async () => void events.push('answer 2'));
    await Promise.all([first, second]);
    expect(events).toEqual(['answer 1', 'due', 'answer 2']);
  });

  it('is crowded while enough answers wait their turn, and no longer once they started', async () => {
    const queue = createAnswerQueue(2);
    let finish = () => undefined as void;
    const slow = queue.run(() => new Promise<string>((resolve) => (finish = () => resolve('slow'))));
    expect(queue.crowded()).toBe(false);
    const quick = queue.run(async () => 'quick');
    expect(queue.crowded()).toBe(true);
    // a started answer no longer waits, even while it is not finished
    await nextTurn();
    expect(queue.crowded()).toBe(false);
    expect(await quick).toBe('quick');
    finish();
    expect(await slow).toBe('slow');
  });

  it('passes a failure on to its caller, and goes on with the next answer', async () => {
    const queue = createAnswerQueue();
    const failing = queue.run(() => Promise.reject(new Error('store closed')));
    const next = queue.run(async () => 'still works');
    await expect(failing).rejects.toThrow('store closed');
    expect(await next).toBe('still works');
    expect(queue.waiting).toBe(0);
  });

  it('refuses a limit below one; with Infinity it is never crowded', async () => {
    expect(() => createAnswerQueue(0)).toThrow(/at least 1, got 0/);
    expect(() => createAnswerQueue(Number.NaN)).toThrow(RangeError);
    const never = createAnswerQueue(Infinity);
    const answers = Array.from({ length: 50 }, () => never.run(async () => undefined));
    expect(never.crowded()).toBe(false);
    await Promise.all(answers);
  });
});
