// parsing off the main thread, under a time limit: a small pool of long-lived workers (started on
// first use), one task each at a time. a task over its limit gets its worker terminated and
// replaced, and fails with "parsing took longer than 5 s"; so does one that runs out of memory.
// the bytes are handed over (transferred), not copied, when they own their whole buffer.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FeedError } from '../errors.js';
import { taskBytes, type ParseResult, type ParseTask } from './parse-tasks.js';

export interface ParsePoolOptions {
  /** workers at most; default 2 */
  size?: number;
  /** per task, once a worker has it; default 5 s */
  timeoutMs?: number;
  /** heap of each worker; default 256 MB */
  maxMemoryMb?: number;
}

export interface ParsePool {
  run<T extends ParseTask>(task: T, options?: { timeoutMs?: number }): Promise<ParseResult<T>>;
  /** workers replaced after a timeout or a crash, since the pool was made */
  readonly restarts: number;
  /** refuses new tasks, fails queued ones, terminates the workers */
  close(): Promise<void>;
}

export const DEFAULT_PARSE_TIMEOUT_MS = 5_000;

interface Job {
  id: number;
  task: ParseTask;
  timeoutMs: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  gone: boolean;
}

type Reply =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const size = Math.max(1, options.size ?? 2);
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
  const maxMemoryMb = options.maxMemoryMb ?? 256;
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let restarts = 0;
  let closed = false;

  const retire = (slot: Slot) => {
    if (slot.gone) return;
    slot.gone = true;
    slots.splice(slots.indexOf(slot), 1);
    void slot.worker.terminate();
  };

  const settle = (slot: Slot, outcome: { value: unknown } | { error: Error }) => {
    const job = slot.job;
    if (!job) return;
    clearTimeout(job.timer);
    slot.job = undefined;
    if (!slot.gone) slot.worker.unref();
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
  };

  const lost = (slot: Slot, error: Error) => {
    const wasReady = slot.ready;
    if (slot.job) restarts++;
    settle(slot, { error });
    retire(slot);
    // a worker that cannot even start fails what waits for it, rather than respawning forever
    if (!wasReady && !slots.some((other) => other.ready))
      for (const job of queue.splice(0)) job.reject(error);
    pump();
  };

  const spawn = (): Slot => {
    const worker = startWorker(maxMemoryMb);
    const slot: Slot = { worker, ready: false, gone: false };
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (!slot.job) worker.unref();
        pump();
        return;
      }
      if (slot.job?.id !== reply.id) return;
      settle(slot, reply.ok ? { value: reply.value } : { error: revive(reply.error) });
      pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `parsing needed more than ${maxMemoryMb} MB of memory`
          : slot.ready
            ? `the parser crashed: ${error.message}`
            : `the parse worker could not start: ${error.message}`;
      lost(slot, new FeedError(reason, { cause: error }));
    });
    worker.on('exit', (code) => {
      if (!slot.gone) lost(slot, new FeedError(`the parse worker stopped (exit code ${code})`));
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.worker.ref();
    job.timer = setTimeout(() => {
      restarts++;
      settle(slot, { error: new FeedError(`parsing took longer than ${duration(job.timeoutMs)}`) });
      retire(slot);
      pump();
    }, job.timeoutMs);
    const bytes = ownedBytes(taskBytes(job.task));
    const task: ParseTask =
      job.task.kind === 'article'
        ? { ...job.task, page: { ...job.task.page, bytes } }
        : { ...job.task, bytes };
    try {
      slot.worker.postMessage({ id: job.id, task }, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      settle(slot, {
        error: new FeedError(`Could not hand the bytes to the parser: ${(error as Error).message}`),
      });
    }
  };

  function pump(): void {
    while (queue.length > 0) {
      const idle = slots.find((slot) => slot.ready && !slot.job && !slot.gone);
      if (idle) {
        dispatch(idle, queue.shift() as Job);
        continue;
      }
      const starting = slots.filter((slot) => !slot.ready).length;
      if (slots.length < size && starting < queue.length) spawn();
      else return;
    }
  }

  return {
    run<T extends ParseTask>(task: T, runOptions: { timeoutMs?: number } = {}) {
      if (closed) return Promise.reject(new FeedError('The parse pool is closed: nothing more is parsed.'));
      return new Promise<ParseResult<T>>((resolve, reject) => {
        queue.push({
          id: nextId++,
          task,
          timeoutMs: runOptions.timeoutMs ?? defaultTimeoutMs,
          resolve: resolve as (value: unknown) => void,
          reject,
        });
        pump();
      });
    },
    get restarts() {
      return restarts;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0))
        job.reject(new FeedError('The parse pool closed before this parse.'));
      const workers = slots.map((slot) => slot.worker);
      for (const slot of [...slots]) {
        settle(slot, { error: new FeedError('The parse pool closed during this parse.') });
        retire(slot);
      }
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

let shared: ParsePool | undefined;

/**
 * One pool for the whole process (2 workers, 256 MB each), started on first use and never closed:
 * idle workers never keep the process alive. Briefers share it, so each does not pay the start-up.
 */
export function sharedParsePool(): ParsePool {
  shared ??= createParsePool();
  return shared;
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/** A FeedError stays one; anything else from a parser is a bug there, named as such. */
function revive(error: { name: string; message: string }): Error {
  if (/^(?:FeedError|RefusedUrlError|RetryLaterError)$/.test(error.name)) return new FeedError(error.message);
  return new FeedError(`the parser failed (${error.name}: ${error.message})`);
}

/** bytes that own their whole buffer, so handing the buffer over detaches nothing else */
function ownedBytes(bytes: Uint8Array): Uint8Array {
  const whole =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer;
  return whole ? bytes : bytes.slice();
}

/** The worker from parse-worker.ts; from typescript source (tsx, vitest) through tsx's loader. */
function startWorker(maxMemoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxMemoryMb };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./parse-worker.js', import.meta.url), { resourceLimits });
  }
  // node 20 gives a worker no module hooks from --import: the worker registers tsx itself, then
  // imports the entry (https://github.com/privatenumber/tsx/issues/354)
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const tsx = tsxApi();
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, execArgv: [], resourceLimits });
}

let tsxApiUrl: string | undefined;

function tsxApi(): string {
  // the package maps "tsx/esm/api" to index.cjs for require and index.mjs for import
  tsxApiUrl ??= pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  return tsxApiUrl;
}
