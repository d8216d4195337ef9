import { z } from 'zod';
import { requireManage } from './arguments.js';
import type { Command } from './command.js';

const NoArgs = z.object({});

export const forget = {
  name: 'forget',
  description: 'Delete everything I keep about this chat: its briefings, time zone and delivery record',
  usage: '/forget',
  examples: ['/forget'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, context, services) {
    requireManage(context);
    await services.forgetChat(context.chat);
    return { text: "Done: I deleted this chat's briefings, time zone and delivery record." };
  },
} satisfies Command<z.output<typeof NoArgs>>;
