import { z } from 'zod';
import { joinList, t } from '../src/index.js';
import type { Command } from './command.js';
import { commandText, localeOf } from './command-text.js';
import { commandList } from './index.js';

const NoArgs = z.object({});

export const help = {
  name: 'help',
  description: t('en', 'help.description'),
  usage: t('en', 'help.usage'),
  examples: ['/help'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, context) {
    const locale = localeOf(context);
    const lines = commandList().map((command) =>
      t(locale, 'help.entry', {
        usage: commandText(command, 'usage', locale),
        description: commandText(command, 'description', locale),
        examples: joinList(locale, command.examples.slice(0, 2)),
      }),
    );
    return { text: [t(locale, 'app.intro'), '', ...lines].join('\n') };
  },
} satisfies Command<z.output<typeof NoArgs>>;
