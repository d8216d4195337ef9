// under a burst, first callbacks come first. When several answers are already being worked out on this
// thread, a new interaction is acknowledged at once ("thinking…", see answerInteraction) and its answer
// waits its turn here: one starts per turn of the event loop, so the frames that arrive meanwhile are
// read and acknowledged between answers instead of after all of them. Discord's 3 s deadline is for the
// first callback; the edit that follows has 15 minutes.

export interface AnswerQueue {
  /** true when at least `deferWhenWaiting` answers are being worked out or waiting their turn */
  crowded(): boolean;
  /** works out an answer now, counted as waiting until it is ready */
  now<T>(work: () => Promise<T>): Promise<T>;
  /** works out an answer when its turn comes: after those queued before it, one per event-loop turn */
  later<T>(work: () => Promise<T>): Promise<T>;
  /** answers being worked out or waiting their turn */
  readonly waiting: number;
}

export const DEFAULT_DEFER_WHEN_WAITING = 8;

/** `deferWhenWaiting`: how many answers in the works make the thread crowded; Infinity: never */
export function createAnswerQueue(deferWhenWaiting = DEFAULT_DEFER_WHEN_WAITING): AnswerQueue {
  if (!(deferWhenWaiting >= 1)) {
    throw new RangeError(`answers waiting before deferring: expected at least 1, got ${deferWhenWaiting}`);
  }
  let waiting = 0;
  const turns: (() => void)[] = [];
  let scheduled = false;

  // a check-phase callback: the I/O polled in this turn (new frames, answers from Discord) came first
  const startNext = () => {
    scheduled = false;
    const start = turns.shift();
    if (turns.length > 0) schedule();
    start?.();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(startNext);
  };

  return {
    crowded: () => waiting >= deferWhenWaiting,
    async now(work) {
      waiting += 1;
      try {
        return await work();
      } finally {
        waiting -= 1;
      }
    },
    async later(work) {
      waiting += 1;
      try {
        await new Promise<void>((start) => {
          turns.push(start);
          schedule();
        });
        return await work();
      } finally {
        waiting -= 1;
      }
    },
    get waiting() {
      return waiting;
    },
  };
}
