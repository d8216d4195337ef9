import { z } from 'zod';
import { LOCALES, nameIn, t } from '../src/index.js';
import type { Command } from './command.js';
import { localeOf } from './command-text.js';

const NoArgs = z.object({});

export const topics = {
  name: 'topics',
  description: t('en', 'topics.description'),
  usage: t('en', 'topics.usage'),
  examples: ['/topics'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, context, services) {
    const locale = localeOf(context);
    // each topic in the reader's language first, then in the other two
    const others = LOCALES.filter((other) => other !== locale);
    const lines = services.topics.topics.map((topic) =>
      t(locale, 'topics.entry', {
        name: nameIn(topic.names, locale),
        others: others.map((other) => nameIn(topic.names, other)).join(' — '),
        id: topic.id,
        count: services.store.countByTopic(topic.id),
      }),
    );
    return { text: [t(locale, 'topics.heading'), '', ...lines].join('\n') };
  },
} satisfies Command<z.output<typeof NoArgs>>;
