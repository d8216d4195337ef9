import { z } from 'zod';
import { t, UserError } from '../src/index.js';
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
import { calendarOf, localeOf } from './command-text.js';
import { describeSubscription } from './subscriptions.js';

const SubscribeArgs = z.object({
  topics: TopicListSchema.optional(),
  time: TimeOfDaySchema.optional(),
  timezone: FreeTextSchema({ missing: 'args.zone', tooLong: 'args.zoneLong' }).optional(),
  mode: ModeSchema.optional(),
});

export const subscribe = {
  name: 'subscribe',
  description: t('en', 'subscribe.description'),
  usage: t('en', 'subscribe.usage'),
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
    if (topics && addTopics.length === 0) throw UserError.say('subscribe.giveTopics');
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
    // briefings are sent when nobody asks: they keep the language the chat subscribed in
    const locale = localeOf(context);
    if (!services.languages.get(context.chat)?.locale) await services.languages.set(context.chat, { locale });
    const status = services.briefings.status(context.chat);
    const reader = { locale, calendar: calendarOf(context) };
    return {
      text: t(locale, 'subscribe.done', {
        existed: existed ? 'yes' : 'no',
        description: status ? describeSubscription(status, services, reader) : '',
      }),
    };
  },
} satisfies Command<z.output<typeof SubscribeArgs>>;
