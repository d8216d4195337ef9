import { z } from 'zod';
import { DEFAULT_BRIEFING_TIME, localDigits, t } from '../src/index.js';
import type { Command } from './command.js';
import { calendarOf, localeOf } from './command-text.js';

const NoArgs = z.object({});

export const briefing = {
  name: 'briefing',
  description: t('en', 'briefing.description'),
  usage: t('en', 'briefing.usage'),
  examples: ['/briefing'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, context, services) {
    const { briefings } = services;
    const locale = localeOf(context);
    const subscribed = briefings.subscription(context.chat);
    const zone = subscribed?.timeZone ?? briefings.chatTimeZone(context.chat) ?? context.timeZone;
    const { message } = briefings.preview(context.chat, zone, { locale, calendar: calendarOf(context) });
    return subscribed
      ? { ...message }
      : {
          ...message,
          text: t(locale, 'briefing.noSubscription', { time: localDigits(DEFAULT_BRIEFING_TIME, locale) }),
        };
  },
} satisfies Command<z.output<typeof NoArgs>>;
