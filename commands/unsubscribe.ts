import { z } from 'zod';
import { nameIn, t, UserError } from '../src/index.js';
import { requireManage, resolveTopicList, TopicListSchema } from './arguments.js';
import type { Command } from './command.js';
import { localeOf } from './command-text.js';

const UnsubscribeArgs = z.object({ topics: TopicListSchema.optional() });

export const unsubscribe = {
  name: 'unsubscribe',
  description: t('en', 'unsubscribe.description'),
  usage: t('en', 'unsubscribe.usage'),
  examples: ['/unsubscribe iran', '/unsubscribe all'],
  options: [
    {
      name: 'topics',
      description: 'Topics to stop, or "all"',
      type: 'string',
      maxLength: 1000,
      autocomplete: 'topic',
    },
  ],
  fromText: (text) => ({ topics: text.trim() || undefined }),
  args: UnsubscribeArgs,
  async run({ topics }, context, services) {
    requireManage(context);
    const locale = localeOf(context);
    const { briefings } = services;
    if (!topics || /^all$/i.test(topics)) {
      await services.forgetChat(context.chat);
      return { text: t(locale, 'unsubscribe.all') };
    }
    const ids = resolveTopicList(topics, services.topics);
    const existing = briefings.subscription(context.chat);
    if (!existing) return { text: t(locale, 'unsubscribe.none') };
    if (existing.topics.length === 0) throw UserError.say('unsubscribe.everyTopic');
    const missing = ids.filter((id) => !existing.topics.includes(id));
    if (missing.length === ids.length) throw UserError.say('unsubscribe.notFollowed', { topics: missing });
    const left = await briefings.removeTopics(context.chat, ids);
    if (!left) return { text: t(locale, 'unsubscribe.last') };
    const names = left.topics.map((id) => {
      const topic = services.topics.find(id);
      return topic ? nameIn(topic.names, locale) : id;
    });
    return { text: t(locale, 'unsubscribe.done', { topics: names }) };
  },
} satisfies Command<z.output<typeof UnsubscribeArgs>>;
