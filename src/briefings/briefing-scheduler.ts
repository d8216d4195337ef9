// when briefings go out: one tick a minute finds the chats that are due (per-minute buckets of next
// due instants, so a tick costs nothing for chats not due) and delivers to them a bounded number at a time.
import cron, { type ScheduledTask } from 'node-cron';
import type { BriefingSender } from './briefing-sender.js';
import {
  deliverBriefing,
  FIRST_WINDOW_MS,
  windowStart,
  type DeliveryDeps,
  type DeliveryOutcome,
  type TickWindow,
} from './deliver-briefing.js';
import { DueQueue } from './due-queue.js';
import { LiveWatch } from './live-watch.js';
import { planDaily } from './plan-daily.js';
import { matches, TickStories } from './select-briefing.js';
import { platformOf, type Subscription } from './subscription.js';

export interface SchedulerOptions {
  liveBatchMs: number;
  catchUpMs: number;
  /** deliveries in flight at once: one slow or failing chat holds one slot, never the rest */
  concurrency: number;
}

export interface TickReport {
  /** deliveries this tick started, by outcome */
  outcomes: Partial<Record<DeliveryOutcome, number>>;
  /** daily briefings passed over because they fell due more than the catch-up window ago */
  skippedOld: number;
}

interface Work {
  target: string;
  period: string;
  tick: TickWindow;
  resolve: (outcome: DeliveryOutcome) => void;
}

export class BriefingScheduler {
  private readonly queue = new DueQueue();
  private readonly live = new LiveWatch();
  private readonly senders = new Map<string, BriefingSender>();
  /** chats whose platform has no sender yet, by platform */
  private readonly parked = new Map<string, Set<string>>();
  private readonly busy = new Set<string>();
  private waiting: Work[] = [];
  private next = 0; // the first of `waiting` not started
  private readonly inFlight = new Set<Promise<void>>();
  private active = 0;
  private scanFrom = 0;
  private started = false;
  private stopping = false;
  private cronTask: ScheduledTask | undefined;
  private readonly abort = new AbortController();
  private readonly deliveryDeps: DeliveryDeps;

  constructor(
    private readonly deps: Omit<DeliveryDeps, 'signal'>,
    private readonly options: SchedulerOptions,
  ) {
    this.deliveryDeps = { ...deps, signal: this.abort.signal };
  }

  get isStarted(): boolean {
    return this.started && !this.stopping;
  }

  useSender(platform: string, sender: BriefingSender): void {
    this.senders.set(platform, sender);
    const parked = this.parked.get(platform);
    this.parked.delete(platform);
    if (this.isStarted) for (const target of parked ?? []) this.reschedule(target);
  }

  /** settles what a previous run left pending, schedules every subscription and catches up */
  async start(options: { ticks: 'cron' | 'manual' }): Promise<TickReport> {
    if (this.started) throw new Error('The briefing scheduler is already started.');
    this.started = true;
    const now = this.deps.clock.now();
    this.scanFrom = this.deps.store.settledBefore();
    const resumed: Promise<DeliveryOutcome>[] = [];
    const window = this.window(now);
    for (const subscription of this.deps.subscriptions.all()) {
      const pending = this.deps.ledger.state(subscription.target)?.pending;
      if (pending && !subscription.paused && this.senders.has(platformOf(subscription.target))) {
        resumed.push(this.enqueue(subscription.target, pending, window));
      } else this.reschedule(subscription.target, now);
    }
    const report = await this.tick(now);
    for (const outcome of await Promise.all(resumed)) count(report, outcome);
    if (options.ticks === 'cron') {
      this.cronTask = cron.schedule('* * * * *', () => {
        this.tick().catch((error: unknown) => this.deps.logger.error('briefing tick failed', { error }));
      });
    }
    return report;
  }

  /** one scheduler step at `now`: starts every delivery that is due, resolves when they are done */
  async tick(now = this.deps.clock.now()): Promise<TickReport> {
    const report: TickReport = { outcomes: {}, skippedOld: 0 };
    if (!this.isStarted) return report;
    this.scanLive(now);
    const window = this.window(now);
    const works: Promise<DeliveryOutcome>[] = [];
    for (const { target, due } of this.queue.popDue(now)) {
      const subscription = this.deps.subscriptions.get(target);
      if (!subscription || subscription.paused || this.busy.has(target)) continue;
      if (!this.senders.has(platformOf(target))) {
        this.park(target);
        continue;
      }
      if (subscription.mode === 'live') {
        works.push(this.enqueue(target, livePeriod(due), window));
        continue;
      }
      const lastPeriod = this.deps.ledger.state(target)?.lastPeriod;
      const plan = planDaily(subscription, lastPeriod, now, this.options.catchUpMs);
      if (plan.skipped > 0) {
        report.skippedOld += plan.skipped;
        this.deps.logger.info('skipped briefings older than the catch-up window', {
          chat: target,
          days: plan.skipped,
          next: plan.period,
        });
      }
      if (plan.due > now) this.queue.schedule(target, plan.due);
      else works.push(this.enqueue(target, plan.period, window));
    }
    for (const outcome of await Promise.all(works)) count(report, outcome);
    return report;
  }

  /** stops the minute tick; deliveries in flight finish their message, the rest wait for the next start */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.cronTask?.stop();
    this.cronTask = undefined;
    this.abort.abort();
    for (const work of this.waiting.slice(this.next)) work.resolve('interrupted');
    this.waiting = [];
    this.next = 0;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** (re)computes when the chat is next due, after its subscription changed or a delivery ended */
  reschedule(target: string, now = this.deps.clock.now()): void {
    this.cancel(target);
    if (!this.isStarted || this.busy.has(target)) return; // a delivery in flight reschedules when it ends
    const subscription = this.deps.subscriptions.get(target);
    if (!subscription || subscription.paused) return;
    if (!this.senders.has(platformOf(target))) return this.park(target);
    if (subscription.mode === 'live') return this.arm(subscription, now);
    const state = this.deps.ledger.state(target);
    // no catch-up limit here: the tick that pops it decides what is too old, and logs it
    this.queue.schedule(target, planDaily(subscription, state?.lastPeriod, now, Infinity).due);
  }

  cancel(target: string): void {
    this.queue.cancel(target);
    this.live.unwatch(target);
    for (const parked of this.parked.values()) parked.delete(target);
  }

  nextDue(target: string): number | undefined {
    return this.queue.dueAt(target);
  }

  private park(target: string): void {
    const platform = platformOf(target);
    let parked = this.parked.get(platform);
    if (!parked) {
      this.parked.set(platform, (parked = new Set()));
      this.deps.logger.warn('no sender for this platform yet: its briefings wait', { platform });
    }
    parked.add(target);
  }

  // a live chat is due a batch window after the first new story it follows; until then it waits
  private arm(subscription: Subscription, now: number): void {
    const state = this.deps.ledger.state(subscription.target);
    const from = Math.max(windowStart(subscription, state, now), now - FIRST_WINDOW_MS);
    const first = this.deps.store
      .firstSeenBetween(from, this.scanFrom)
      .find((article) => matches(subscription, article));
    if (first) this.queue.schedule(subscription.target, first.firstSeenAt + this.options.liveBatchMs);
    else this.live.watch(subscription.target, subscription.topics);
  }

  // new articles since the last scan wake the live chats that follow them
  private scanLive(now: number): void {
    const to = this.deps.store.settledBefore();
    if (to <= this.scanFrom) return;
    const from = this.scanFrom;
    this.scanFrom = to;
    if (this.live.size === 0) return;
    for (const article of this.deps.store.firstSeenBetween(from, to)) {
      if (article.backlog) continue;
      this.live.wake(article.topics, (target) => {
        const subscription = this.deps.subscriptions.get(target);
        if (!subscription || !matches(subscription, article)) return false;
        if (article.firstSeenAt < windowStart(subscription, this.deps.ledger.state(target), now))
          return false;
        this.queue.schedule(target, article.firstSeenAt + this.options.liveBatchMs);
        return true;
      });
    }
  }

  // every delivery of a tick covers articles first seen before the same instant, and shares stories
  private window(now: number): TickWindow {
    return {
      now,
      to: Math.min(now, this.deps.store.settledBefore()),
      stories: new TickStories(this.deps.store),
    };
  }

  private enqueue(target: string, period: string, tick: TickWindow): Promise<DeliveryOutcome> {
    this.busy.add(target);
    return new Promise((resolve) => {
      this.waiting.push({ target, period, tick, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.options.concurrency && this.next < this.waiting.length && !this.stopping) {
      const work = this.waiting[this.next++] as Work;
      if (this.next === this.waiting.length) {
        this.waiting = [];
        this.next = 0;
      }
      this.active++;
      const run = this.run(work).finally(() => {
        this.active--;
        this.inFlight.delete(run);
        this.pump();
      });
      this.inFlight.add(run);
    }
  }

  private async run(work: Work): Promise<void> {
    const { target, period } = work;
    let outcome: DeliveryOutcome;
    try {
      const sender = this.senders.get(platformOf(target)) as BriefingSender;
      outcome = await deliverBriefing(this.deliveryDeps, sender, target, period, work.tick);
    } catch (error) {
      this.deps.logger.error('briefing delivery failed', { chat: target, period, error });
      outcome = 'failed';
    }
    this.busy.delete(target);
    if (!this.deps.subscriptions.get(target)) {
      // forgotten while in flight: remove what the delivery wrote
      await this.deps.ledger.forget(target, [period]).catch((error: unknown) => {
        this.deps.logger.error('could not forget a chat', { chat: target, error });
      });
    } else if (outcome !== 'interrupted') this.reschedule(target);
    work.resolve(outcome);
  }
}

// a live batch's period: the minute it fell due, the same after a restart (it follows from the store)
const livePeriod = (due: number) => `live:${new Date(due).toISOString().slice(0, 16)}Z`;

function count(report: TickReport, outcome: DeliveryOutcome): void {
  report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
}
