import { z } from 'zod';
import type { Command } from './command.js';

const NoArgs = z.object({});

export const topics = {
  name: 'topics',
  description: 'The topics I follow, with how many articles each has',
  usage: '/topics',
  examples: ['/topics'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, _context, services) {
    const lines = services.topics.topics.map((t) => {
      const count = services.store.countByTopic(t.id);
      return `• ${t.names.en} — ${t.names.fa} — ${t.names.ps} (${t.id}): ${count} ${count === 1 ? 'article' : 'articles'}`;
    });
    return { text: ['Topics. Ask with /topic <name>, e.g. /topic afghanistan', '', ...lines].join('\n') };
  },
} satisfies Command<z.output<typeof NoArgs>>;
