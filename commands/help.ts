import { z } from 'zod';
import type { Command } from './command.js';
import { commandList } from './index.js';

const NoArgs = z.object({});

export const help = {
  name: 'help',
  description: 'What I can do',
  usage: '/help',
  examples: ['/help'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run() {
    const lines = commandList().map(
      (command) =>
        `${command.usage}\n   ${command.description}. e.g. ${command.examples.slice(0, 2).join(', ')}`,
    );
    return { text: ['I brief you on the news from Afghanistan and the region.', '', ...lines].join('\n') };
  },
} satisfies Command<z.output<typeof NoArgs>>;
