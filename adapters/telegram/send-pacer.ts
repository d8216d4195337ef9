// schedules messages against Telegram's windows (overall, per chat, per group) so none draws a 429.
// a message counts in a window from the moment its request is answered, not from when it left: the
// server saw it somewhere in between, so counting from the answer can never undercount.

/** At most `limit` messages in any `ms` milliseconds. */
export interface SendWindow {
  limit: number;
  ms: number;
}

export interface SendWindows {
  /** every chat together; Telegram: about 30 a second */
  overall: SendWindow;
  /** one chat; Telegram: about 1 a second */
  chat: SendWindow;
  /** one group, supergroup or channel, on top of `chat`; Telegram: 20 a minute */
  group: SendWindow;
}

export type ChatId = number | string;

const SWEEP_MS = 60_000;

export interface SendPacer {
  /** waits until a message to `chatId` fits every window; call the returned function once it is answered */
  acquire(chatId: ChatId, signal?: AbortSignal): Promise<() => void>;
  /** sends nothing to `chatId` (to any chat when undefined) for `ms`, e.g. after a 429 */
  pause(chatId: ChatId | undefined, ms: number): void;
  /** how many messages wait for a slot */
  readonly waiting: number;
  /** how many chats and windows it remembers; stays small once traffic stops */
  readonly tracked: number;
  /** rejects everything still waiting; for shutdown */
  close(): void;
}

/** The windows from the rates people configure (TELEGRAM_MAX_PER_SECOND and friends). */
export function windowsFromRates(rates: {
  perSecond: number;
  chatPerSecond: number;
  groupPerMinute: number;
}): SendWindows {
  const perPeriod = (rate: number, ms: number, what: string): SendWindow => {
    if (!Number.isFinite(rate) || rate <= 0) throw new Error(`Telegram send limit ${what} must be > 0`);
    // a rate below one per period becomes one per a longer period: 0.5 a second is 1 per 2 s
    return rate >= 1 ? { limit: Math.floor(rate), ms } : { limit: 1, ms: Math.ceil(ms / rate) };
  };
  return {
    overall: perPeriod(rates.perSecond, 1000, 'perSecond'),
    chat: perPeriod(rates.chatPerSecond, 1000, 'chatPerSecond'),
    group: perPeriod(rates.groupPerMinute, 60_000, 'groupPerMinute'),
  };
}

export const TELEGRAM_WINDOWS: SendWindows = windowsFromRates({
  perSecond: 30,
  chatPerSecond: 1,
  groupPerMinute: 20,
});

/** Groups, supergroups and channels have negative ids; channels may be addressed as "@name". */
export function isGroupChat(chatId: ChatId): boolean {
  if (typeof chatId === 'number') return chatId < 0;
  return chatId.startsWith('@') || chatId.trim().startsWith('-');
}

// one window's occupancy for one key: answered messages (times, ascending) and those in flight
interface Usage {
  answered: number[];
  inFlight: number;
}

interface Waiter {
  chatId: ChatId;
  resolve(release: () => void): void;
  reject(error: Error): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export function createSendPacer(
  windows: SendWindows,
  now: () => number = () => performance.now(),
): SendPacer {
  const usage = new Map<string, Usage>();
  const pauses = new Map<string, number>();
  // chats with waiting messages, in the order they get their turn (round robin)
  const queue = new Map<string, Waiter[]>();
  let waiting = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const keysOf = (chatId: ChatId): [string, SendWindow][] => {
    const keys: [string, SendWindow][] = [
      ['*', windows.overall],
      [`c${chatId}`, windows.chat],
    ];
    if (isGroupChat(chatId)) keys.push([`g${chatId}`, windows.group]);
    return keys;
  };

  // when the key's window has room again: now, a later time, or undefined (wait for an answer)
  const freeAt = (key: string, window: SendWindow, at: number): number | undefined => {
    const used = usage.get(key);
    if (used === undefined) return at;
    let expired = 0;
    while (expired < used.answered.length && used.answered[expired]! <= at - window.ms) expired += 1;
    if (expired > 0) used.answered.splice(0, expired);
    if (used.answered.length === 0 && used.inFlight === 0) {
      usage.delete(key);
      return at;
    }
    const over = used.answered.length + used.inFlight - window.limit;
    if (over < 0) return at;
    if (over >= used.answered.length) return undefined;
    return used.answered[over]! + window.ms;
  };

  const readyAt = (chatId: ChatId, at: number): number | undefined => {
    let ready = Math.max(at, pauses.get('*') ?? 0, pauses.get(`c${chatId}`) ?? 0);
    for (const [key, window] of keysOf(chatId)) {
      const free = freeAt(key, window, at);
      if (free === undefined) return undefined;
      ready = Math.max(ready, free);
    }
    return ready;
  };

  const take = (chatId: ChatId): (() => void) => {
    const keys = keysOf(chatId).map(([key]) => key);
    for (const key of keys) {
      const used = usage.get(key) ?? { answered: [], inFlight: 0 };
      used.inFlight += 1;
      usage.set(key, used);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const at = now();
      for (const key of keys) {
        const used = usage.get(key) ?? { answered: [], inFlight: 1 };
        used.inFlight = Math.max(0, used.inFlight - 1);
        used.answered.push(at);
        usage.set(key, used);
      }
      pump();
    };
  };

  // chats sent to once would otherwise keep their entry forever
  let lastSweep = now();
  const sweep = (at: number) => {
    if (at - lastSweep < SWEEP_MS) return;
    lastSweep = at;
    for (const key of [...usage.keys()]) {
      const window = key === '*' ? windows.overall : key.startsWith('g') ? windows.group : windows.chat;
      freeAt(key, window, at);
    }
  };

  const pump = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (closed) return;
    const at = now();
    let wake = Infinity;
    for (const [chatKey, waiters] of queue) {
      const head = waiters[0];
      if (head === undefined) {
        queue.delete(chatKey);
        continue;
      }
      const ready = readyAt(head.chatId, at);
      if (ready === undefined) continue;
      if (ready > at) {
        wake = Math.min(wake, ready);
        continue;
      }
      waiters.shift();
      waiting -= 1;
      queue.delete(chatKey);
      if (waiters.length > 0) queue.set(chatKey, waiters);
      if (head.onAbort) head.signal?.removeEventListener('abort', head.onAbort);
      head.resolve(take(head.chatId));
    }
    for (const [key, until] of pauses) if (until <= at) pauses.delete(key);
    sweep(at);
    if (queue.size > 0 && wake !== Infinity) {
      timer = setTimeout(pump, Math.max(1, Math.ceil(wake - at)));
    }
  };

  return {
    acquire(chatId, signal) {
      if (closed) return Promise.reject(new Error('Telegram sender is stopped'));
      if (signal?.aborted) return Promise.reject(new Error('Telegram send was cancelled'));
      return new Promise((resolve, reject) => {
        const chatKey = String(chatId);
        const waiter: Waiter = { chatId, resolve, reject, signal, onAbort: undefined };
        if (signal) {
          waiter.onAbort = () => {
            const waiters = queue.get(chatKey);
            const index = waiters?.indexOf(waiter) ?? -1;
            if (waiters && index >= 0) {
              waiters.splice(index, 1);
              waiting -= 1;
            }
            reject(new Error('Telegram send was cancelled'));
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        const waiters = queue.get(chatKey) ?? [];
        waiters.push(waiter);
        queue.set(chatKey, waiters);
        waiting += 1;
        pump();
      });
    },
    pause(chatId, ms) {
      const key = chatId === undefined ? '*' : `c${chatId}`;
      pauses.set(key, Math.max(pauses.get(key) ?? 0, now() + ms));
      pump();
    },
    get waiting() {
      return waiting;
    },
    get tracked() {
      return usage.size;
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const waiters of queue.values()) {
        for (const waiter of waiters) waiter.reject(new Error('Telegram sender is stopped'));
      }
      queue.clear();
      waiting = 0;
    },
  };
}
