import { z } from 'zod';
import type { Command } from './command.js';

const NoArgs = z.object({});

export const briefing = {
  name: 'briefing',
  description: 'Preview the next briefing now (what is new since the last one)',
  usage: '/briefing',
  examples: ['/briefing'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, context, services) {
    const { briefings } = services;
    const subscribed = briefings.subscription(context.chat);
    const zone = subscribed?.timeZone ?? briefings.chatTimeZone(context.chat) ?? context.timeZone;
    const { message } = briefings.preview(context.chat, zone);
    return subscribed
      ? { ...message }
      : {
          ...message,
          text: 'This chat has no briefings yet; with /subscribe it would get every topic daily at 08:00, like this:',
        };
  },
} satisfies Command<z.output<typeof NoArgs>>;
