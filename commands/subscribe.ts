import { z } from 'zod';
import { UserError } from '../src/index.js';
import {
  FreeTextSchema,
  MAX_TOPIC_LIST,
  ModeSchema,
  requireManage,
  resolveTopicList,
  splitSubscribeText,
  TimeOfDaySchema,
  TopicListSchema,
  zoneFrom,
} from './arguments.js';
import type { Command } from './command.js';
import { describeSubscription } from './subscriptions.js';

const SubscribeArgs = z.object({
  topics: TopicListSchema.optional(),
  time: TimeOfDaySchema.optional(),
  timezone: FreeTextSchema('time zone, e.g. tz Asia/Kabul').optional(),
  mode: ModeSchema.optional(),
});

export const subscribe = {
  name: 'subscribe',
  description: 'Get a daily briefing at your local time, or new stories live; topics are added',
  usage: '/subscribe [topic…] [at HH:MM] [tz <zone>] [live]',
  examples: [
    '/subscribe',
    '/subscribe afghanistan iran at 07:30',
    '/subscribe tz Tehran',
    '/subscribe pakistan live',
  ],
  options: [
    {
      name: 'topics',
      description: 'Topics to add, e.g. "afghanistan, iran" (none: every topic)',
      type: 'string',
      maxLength: MAX_TOPIC_LIST,
      autocomplete: 'topic',
    },
    {
      name: 'time',
      description: 'Local time of the daily briefing, HH:MM (default 08:00)',
      type: 'string',
      maxLength: 5,
    },
    {
      name: 'timezone',
      description: 'Time zone, e.g. Asia/Kabul or Tehran',
      type: 'string',
      maxLength: 64,
      autocomplete: 'timezone',
    },
    { name: 'mode', description: 'daily (default) or live', type: 'string', maxLength: 5 },
  ],
  fromText: (text) => splitSubscribeText(text),
  args: SubscribeArgs,
  async run({ topics, time, timezone, mode }, context, services) {
    requireManage(context);
    // everything is checked before anything is written
    const addTopics = topics ? resolveTopicList(topics, services.topics) : [];
    if (topics && addTopics.length === 0)
      throw new UserError('Give topic names, e.g. /subscribe afghanistan iran.');
    const timeZone = timezone ? zoneFrom(timezone) : undefined;
    const existed = services.briefings.subscription(context.chat) !== undefined;
    await services.briefings.subscribe(
      context.chat,
      {
        addTopics,
        ...(time !== undefined && { time }),
        ...(timeZone !== undefined && { timeZone }),
        ...(mode !== undefined && { mode }),
      },
      { timeZone: context.timeZone },
    );
    const status = services.briefings.status(context.chat);
    const done = existed ? 'Updated.' : 'Subscribed.';
    return {
      text: `${done} ${status ? describeSubscription(status, services) : ''}\nSee it with /subscriptions, preview it with /briefing, stop it with /unsubscribe.`,
    };
  },
} satisfies Command<z.output<typeof SubscribeArgs>>;
