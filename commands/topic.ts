import { z } from 'zod';
import { buildDigest, digestItems, UserError, type Digest } from '../src/index.js';
import { CountSchema, FreeTextSchema, MAX_COUNT, nextPage, OffsetSchema, splitCount } from './arguments.js';
import type { Command } from './command.js';
import { chatView } from './visible-sources.js';

const TopicArgs = z.object({
  name: FreeTextSchema('topic name, for example /topic afghanistan'),
  count: CountSchema,
  offset: OffsetSchema,
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
  async run({ name, count, offset }, context, services) {
    const { store, topics } = services;
    const view = chatView(context, services);
    const known = topics.find(name);
    const page = (digest: Digest, total: number) => ({
      digest,
      ...nextPage('topic', { name, count }, offset, digestItems(digest).length, total),
    });
    const common = {
      limit: count,
      offset,
      sources: view.sourcesById,
      timeZone: context.timeZone,
      now: services.clock.now(),
    };
    if (known) {
      const { stories, total } = store.storiesByTopic(known.id, {
        limit: count,
        offset,
        exceptSourceIds: view.hidden,
      });
      const digest = buildDigest({
        ...common,
        title: known.names.en,
        stories,
        total,
        emptyText: `No articles about ${known.names.en} yet. Try /latest, or another of /topics.`,
        moreCommand: `/topic ${known.id} ${MAX_COUNT}`,
      });
      return page(digest, total);
    }
    const { stories, total } = store.searchStories(name, {
      limit: count,
      offset,
      exceptSourceIds: view.hidden,
    });
    if (total > 0) {
      const digest = buildDigest({
        ...common,
        title: `“${name}”`,
        stories,
        total,
        emptyText: `Nothing more matches "${name}".`,
        moreCommand: `/topic ${name} ${MAX_COUNT}`,
      });
      return page(digest, total);
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
