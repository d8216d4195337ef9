// a chat's subscription changed by a command: merged and checked whole before anything is written.
import { UserError } from '../errors.js';
import {
  DEFAULT_BRIEFING_TIME,
  MAX_SUBSCRIBED_TOPICS,
  SubscriptionSchema,
  type BriefingMode,
  type Subscription,
} from './subscription.js';

/** a change to a chat's subscription: topics are added; time, zone, mode and options replaced */
export interface SubscriptionChange {
  addTopics?: readonly string[];
  time?: string;
  timeZone?: string;
  mode?: BriefingMode;
  quiet?: boolean;
  languages?: readonly string[];
}

/**
 * The subscription after `change`: topics added; mode, time, zone and options replaced; any pause
 * lifted. A new schedule (mode, time or zone) starts now. UserError when the result is not valid.
 */
export function applyChange(
  base: Subscription,
  created: boolean,
  change: SubscriptionChange,
  now: number,
): Subscription {
  const topics = [...new Set([...base.topics, ...(change.addTopics ?? [])])];
  if (topics.length > MAX_SUBSCRIBED_TOPICS) {
    throw UserError.say('briefing.tooManyTopics', { max: MAX_SUBSCRIBED_TOPICS, count: topics.length });
  }
  const { paused: _paused, ...rest } = base;
  const next = {
    ...rest,
    topics,
    mode: change.mode ?? base.mode,
    time: change.time ?? base.time,
    timeZone: change.timeZone ?? base.timeZone,
    quiet: change.quiet ?? base.quiet,
    languages: change.languages ? [...new Set(change.languages)] : base.languages,
    updatedAt: now,
  };
  const moved =
    created || next.mode !== base.mode || next.time !== base.time || next.timeZone !== base.timeZone;
  const parsed = SubscriptionSchema.safeParse({ ...next, since: moved ? now : base.since });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw UserError.say('briefing.invalid', {
      problem: `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    });
  }
  return parsed.data;
}

export function defaultSubscription(target: string, timeZone: string, now: number): Subscription {
  return {
    target,
    topics: [],
    mode: 'daily',
    time: DEFAULT_BRIEFING_TIME,
    timeZone,
    quiet: false,
    languages: [],
    since: now,
    createdAt: now,
    updatedAt: now,
  };
}
