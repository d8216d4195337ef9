import { z } from 'zod';
import { formatAbsolute, localDigits, t } from '../src/index.js';
import { FreeTextSchema, requireManage, zoneFrom } from './arguments.js';
import type { Command } from './command.js';
import { calendarOf, localeOf } from './command-text.js';

const TimezoneArgs = z.object({
  zone: FreeTextSchema({ missing: 'args.zone', tooLong: 'args.zoneLong' }).optional(),
});

export const timezone = {
  name: 'timezone',
  description: t('en', 'timezone.description'),
  usage: t('en', 'timezone.usage'),
  examples: ['/timezone', '/timezone Asia/Kabul', '/timezone Tehran'],
  options: [
    {
      name: 'zone',
      description: 'A zone such as Asia/Kabul, or a city such as Tehran',
      type: 'string',
      maxLength: 64,
      autocomplete: 'timezone',
    },
  ],
  fromText: (text) => ({ zone: text.trim() || undefined }),
  args: TimezoneArgs,
  async run({ zone }, context, services) {
    const locale = localeOf(context);
    const when = (at: number, in_: string) => formatAbsolute(at, in_, locale, calendarOf(context));
    const now = services.clock.now();
    if (!zone) {
      const current = services.briefings.chatTimeZone(context.chat) ?? context.timeZone;
      return { text: t(locale, 'timezone.current', { zone: current, now: when(now, current) }) };
    }
    requireManage(context);
    const resolved = zoneFrom(zone);
    const moved = await services.briefings.setTimeZone(context.chat, resolved);
    const next = services.briefings.status(context.chat)?.nextDueAt;
    const values = { zone: resolved, now: when(now, resolved) };
    return {
      text:
        moved?.mode === 'daily' && next !== undefined
          ? t(locale, 'timezone.setMoved', {
              ...values,
              time: localDigits(moved.time, locale),
              next: when(next, resolved),
            })
          : t(locale, 'timezone.set', values),
    };
  },
} satisfies Command<z.output<typeof TimezoneArgs>>;
