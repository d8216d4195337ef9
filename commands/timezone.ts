import { z } from 'zod';
import { formatAbsolute } from '../src/index.js';
import { FreeTextSchema, requireManage, zoneFrom } from './arguments.js';
import type { Command } from './command.js';

const TimezoneArgs = z.object({ zone: FreeTextSchema('time zone, e.g. Asia/Kabul').optional() });

export const timezone = {
  name: 'timezone',
  description: "This chat's time zone; a daily briefing moves with it",
  usage: '/timezone [zone]',
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
    const now = services.clock.now();
    if (!zone) {
      const current = services.briefings.chatTimeZone(context.chat) ?? context.timeZone;
      return {
        text: `This chat's time zone is ${current} (now ${formatAbsolute(now, current)}). Change it with /timezone <zone>, e.g. /timezone Tehran.`,
      };
    }
    requireManage(context);
    const resolved = zoneFrom(zone);
    const moved = await services.briefings.setTimeZone(context.chat, resolved);
    const next = services.briefings.status(context.chat)?.nextDueAt;
    const briefing =
      moved?.mode === 'daily' && next !== undefined
        ? ` The daily briefing stays at ${moved.time} there: next ${formatAbsolute(next, resolved)}.`
        : '';
    return { text: `Time zone set to ${resolved} (now ${formatAbsolute(now, resolved)}).${briefing}` };
  },
} satisfies Command<z.output<typeof TimezoneArgs>>;
