import { z } from 'zod';
import { isTimeZone } from '../time-zone.js';

/** topics one subscription may follow at most (the taxonomy has fewer) */
export const MAX_SUBSCRIBED_TOPICS = 25;
export const DEFAULT_BRIEFING_TIME = '08:00';

/** a chat, as the core addresses it: "platform:chatId[:threadId]", e.g. "telegram:-1001234" */
export const TargetSchema = z
  .string()
  .max(200)
  .regex(
    /^[a-z][a-z0-9-]*:[^:\s]+(?::[^:\s]+)?$/,
    'a chat is "platform:chatId[:threadId]", e.g. telegram:-1001234',
  );

/** "HH:MM" on a 24-hour clock */
export const LocalTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'the time must be HH:MM on a 24-hour clock, from 00:00 to 23:59');

// building an Intl formatter to check a zone takes tens of µs: each zone is checked once
const checkedZones = new Map<string, boolean>();
function knownZone(zone: string): boolean {
  let known = checkedZones.get(zone);
  if (known === undefined) {
    known = isTimeZone(zone);
    if (checkedZones.size < 10_000) checkedZones.set(zone, known);
  }
  return known;
}

export const TimeZoneSchema = z.string().refine(knownZone, 'is not an IANA time zone');

export const SubscriptionSchema = z.object({
  target: TargetSchema,
  /** topic ids; empty means every topic */
  topics: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)).max(MAX_SUBSCRIBED_TOPICS),
  /** daily: once a day at `time` in `timeZone`; live: new stories in batches */
  mode: z.enum(['daily', 'live']),
  time: LocalTimeSchema,
  timeZone: TimeZoneSchema,
  /** stay silent when nothing is new (else a short "nothing new" briefing is sent) */
  quiet: z.boolean(),
  /** content languages (BCP 47 primary tags, e.g. "en", "fa"); empty means any */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(10),
  /** when the schedule (mode, time or zone) last changed: no briefing falls due before it */
  since: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** set when the platform said the chat is gone or blocked us; any command in the chat clears it */
  paused: z.object({ at: z.number().int(), reason: z.string() }).optional(),
});

export type Subscription = z.infer<typeof SubscriptionSchema>;
export type BriefingMode = Subscription['mode'];

/** what a chat keeps besides its subscription */
export const ChatSettingsSchema = z.object({ timeZone: TimeZoneSchema });
export type ChatSettings = z.infer<typeof ChatSettingsSchema>;

/** "telegram:-100123:7" → "telegram" */
export function platformOf(target: string): string {
  const colon = target.indexOf(':');
  return colon < 0 ? target : target.slice(0, colon);
}

/** whether an article in `language` suits a subscription's content languages */
export function speaks(subscription: Pick<Subscription, 'languages'>, language: string): boolean {
  if (subscription.languages.length === 0) return true;
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return subscription.languages.includes(primary);
}

/** whether an article with these topics belongs in a subscription's briefings */
export function follows(subscription: Pick<Subscription, 'topics'>, topics: readonly string[]): boolean {
  return subscription.topics.length === 0 || subscription.topics.some((topic) => topics.includes(topic));
}
