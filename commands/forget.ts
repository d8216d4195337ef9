import { z } from 'zod';
import { t } from '../src/index.js';
import { requireManage } from './arguments.js';
import type { Command } from './command.js';
import { localeOf } from './command-text.js';

const NoArgs = z.object({});

export const forget = {
  name: 'forget',
  description: t('en', 'forget.description'),
  usage: t('en', 'forget.usage'),
  examples: ['/forget'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, context, services) {
    requireManage(context);
    await services.forgetChat(context.chat);
    return { text: t(localeOf(context), 'forget.done') };
  },
} satisfies Command<z.output<typeof NoArgs>>;
