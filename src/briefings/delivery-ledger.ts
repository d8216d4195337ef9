// the delivery ledger: per (chat, period) what was planned and what was sent, and per chat where the
// next briefing starts. Idempotent deliveries read their entry first (see deliver-briefing.ts).
import { z } from 'zod';
import type { KeyvStore } from '../store/open-keyv.js';
import { createRecords, type OnInvalid, type Records } from './keyv-records.js';
import { BriefingMessageSchema } from './message-schema.js';

/** entries kept per chat (older ones are deleted as new ones are written) */
const KEEP_ENTRIES = 14;

export const LedgerEntrySchema = z.object({
  target: z.string(),
  /** "2026-11-28" (a daily briefing's local date) or "live:2026-11-28T04:45Z" (a live batch's due minute) */
  period: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  /** the articles covered: first seen in [from, to) */
  window: z.object({ from: z.number(), to: z.number() }),
  /** what is to be sent, kept while pending */
  messages: z.array(BriefingMessageSchema),
  /** how many of `messages` were sent */
  sentParts: z.number().int().min(0),
  messageIds: z.array(z.string()),
  items: z.number().int().min(0),
  reason: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const DeliveryStateSchema = z.object({
  /** where the next briefing's articles start: the window end of the last briefing sent */
  cursor: z.number().optional(),
  lastSentAt: z.number().optional(),
  /** the latest period settled (sent, failed, or nothing to say): scheduling moves past it */
  lastPeriod: z.string().optional(),
  lastStatus: z.enum(['sent', 'failed', 'empty']).optional(),
  /** a period written as pending and not yet settled */
  pending: z.string().optional(),
  /** periods with an entry, oldest first */
  recent: z.array(z.string()),
});
export type DeliveryState = z.infer<typeof DeliveryStateSchema>;

export const emptyState = (): DeliveryState => ({ recent: [] });

export interface DeliveryLedger {
  entry(target: string, period: string): Promise<LedgerEntry | undefined>;
  writeEntry(entry: LedgerEntry): Promise<void>;
  /** the chat's state, from memory (all states are loaded at open) */
  state(target: string): DeliveryState | undefined;
  states(): ReadonlyMap<string, DeliveryState>;
  writeState(target: string, state: DeliveryState): Promise<void>;
  /** deletes the chat's state, every entry it lists, and the entries of `periods` */
  forget(target: string, periods?: readonly string[]): Promise<void>;
}

const entryKey = (target: string, period: string) => `${target}|${period}`;

/**
 * Namespaces "briefing-ledger" (key "<target>|<period>" → LedgerEntry) and "briefing-state" (key
 * target → DeliveryState). The entry is the truth; the state is what the scheduler needs at start,
 * written after the entry, and repaired from the entry when a crash came between the two writes.
 */
export async function openDeliveryLedger(keyv: KeyvStore, onInvalid: OnInvalid): Promise<DeliveryLedger> {
  const entries: Records<LedgerEntry> = createRecords(
    keyv.namespace('briefing-ledger'),
    'briefing-ledger',
    LedgerEntrySchema,
    onInvalid,
  );
  const stateRecords = createRecords(
    keyv.namespace('briefing-state'),
    'briefing-state',
    DeliveryStateSchema,
    onInvalid,
  );
  const states = await stateRecords.all();
  return {
    entry: (target, period) => entries.get(entryKey(target, period)),
    writeEntry: (entry) => entries.set(entryKey(entry.target, entry.period), entry),
    state: (target) => states.get(target),
    states: () => states,
    async writeState(target, state) {
      const recent = state.recent;
      const dropped = recent.length > KEEP_ENTRIES ? recent.slice(0, recent.length - KEEP_ENTRIES) : [];
      const kept = { ...state, recent: recent.slice(dropped.length) };
      await stateRecords.set(target, kept);
      states.set(target, kept);
      await entries.delete(dropped.map((period) => entryKey(target, period)));
    },
    async forget(target, more = []) {
      const state = states.get(target);
      const periods = new Set([
        ...(state?.recent ?? []),
        ...(state?.pending ? [state.pending] : []),
        ...more,
      ]);
      await entries.delete([...periods].map((period) => entryKey(target, period)));
      await stateRecords.delete([target]);
      states.delete(target);
    },
  };
}
