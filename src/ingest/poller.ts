import type { Logger } from '../logger.js';

export interface Poller {
  /** runs the first refresh now and resolves when it is done; later ones follow every interval */
  start(): Promise<void>;
  /** no new runs; resolves when the one in flight (if any) has finished */
  stop(): Promise<void>;
}

/** how often the serving poller looks for sources that are due (Briefer.refreshDue); each source has its
 *  own interval, so this only bounds how late a check can be */
export const POLL_TICK_MS = 30_000;

/** Calls `refresh` every `intervalMs`, one run at a time, never throwing out of the timer. */
export function createPoller(options: {
  intervalMs: number;
  refresh: () => Promise<unknown>;
  logger: Logger;
}): Poller {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    running = options
      .refresh()
      .then(
        () => undefined,
        (error: unknown) => options.logger.error('refresh failed', { error }),
      )
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(run, options.intervalMs);
      });
    return running;
  };
  return {
    start: () => run(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
