// the answers worked out on this thread, in the order their interactions came, one per turn of the event
// loop. Started all at once, as they come off the socket, a burst's answers advance step by step
// together (each await lets every other answer take its next step), so the first callback waits for
// nearly the whole burst's work; in turns, the first is sent after one answer's work, the second after
// two, and the frames that arrive meanwhile are read between turns. An interaction that finds many
// answers waiting is acknowledged at once (see answerInteraction): Discord's 3 s deadline is for the
// first callback; the edit that follows has 15 minutes.

export interface AnswerQueue {
  /** true when at least `deferWhenWaiting` answers are waiting for their turn */
  crowded(): boolean;
  /** works the answer out when its turn comes: after those queued before it, one per event-loop turn */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** answers waiting for their turn (not those started) */
  readonly waiting: number;
}

export const DEFAULT_DEFER_WHEN_WAITING = 32;

/** `deferWhenWaiting`: how many answers waiting their turn make the thread crowded; Infinity: never */
export function createAnswerQueue(deferWhenWaiting = DEFAULT_DEFER_WHEN_WAITING): AnswerQueue {
  if (!(deferWhenWaiting >= 1)) {
    throw new RangeError(`answers waiting before deferring: expected at least 1, got ${deferWhenWaiting}`);
  }
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
    crowded: () => turns.length >= deferWhenWaiting,
    async run(work) {
      await new Promise<void>((start) => {
        turns.push(start);
        schedule();
      });
      return work();
    },
    get waiting() {
      return turns.length;
    },
  };
}
