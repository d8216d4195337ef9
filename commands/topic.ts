import { z } from 'zod';
import { buildDigest, UserError } from '../src/index.js';
import { CountSchema, FreeTextSchema, MAX_COUNT, splitCount } from './arguments.js';
import type { Command } from './command.js';

const TopicArgs = z.object({
  name: FreeTextSchema('topic name, for example /topic afghanistan'),
  count: CountSchema,
});

export const topic = {
  name: 'topic',
  description: 'Articles about a topic, or any words you search for',
  usage: '/topic <name…> [count]',
  examples: ['/topic afghanistan', '/topic central asia 10', '/topic bagram'],
  options: [
    {
      name: 'name',
      description: 'A topic (see /topics) or words to search for',
      type: 'string',
      required: true,
      maxLength: 100,
      autocomplete: 'topic',
    },
    {
      name: 'count',
      description: `How many articles (1–${MAX_COUNT})`,
      type: 'integer',
      min: 1,
      max: MAX_COUNT,
    },
  ],
  fromText(text) {
    const { words, count } = splitCount(text);
    return { name: words, count };
  },
  args: TopicArgs,
  async run({ name, count }, context, services) {
    const { store, topics } = services;
    const known = topics.find(name);
    const common = {
      limit: count,
      sources: services.sourcesById,
      timeZone: context.timeZone,
      now: services.clock.now(),
    };
    if (known) {
      return {
        digest: buildDigest({
          ...common,
          title: known.names.en,
          articles: store.byTopic(known.id, { limit: count * 2 }),
          total: store.countByTopic(known.id),
          emptyText: `No articles about ${known.names.en} yet. Try /latest, or another of /topics.`,
          moreCommand: `/topic ${known.id} ${MAX_COUNT}`,
        }),
      };
    }
    const found = store.search(name, { limit: count * 2 });
    if (found.length) {
      return {
        digest: buildDigest({
          ...common,
          title: `“${name}”`,
          articles: found,
          total: store.countSearch(name),
          emptyText: '',
          moreCommand: `/topic ${name} ${MAX_COUNT}`,
        }),
      };
    }
    const closest = topics.suggest(name, 3);
    if (!closest.length) throw new UserError(`Nothing matches "${name}". See /topics for what I follow.`);
    const list = closest.map((t) => t.id).join(', ');
    return {
      text: `Nothing matches "${name}". Did you mean ${list}? See /topics for them all.`,
      choices: closest.map((t) => ({ label: t.names.en, command: `/topic ${t.id}` })),
    };
  },
} satisfies Command<z.output<typeof TopicArgs>>;
