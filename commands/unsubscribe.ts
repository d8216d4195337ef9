import { z } from 'zod';
import { UserError } from '../src/index.js';
import { requireManage, resolveTopicList, TopicListSchema } from './arguments.js';
import type { Command } from './command.js';

const UnsubscribeArgs = z.object({ topics: TopicListSchema.optional() });

export const unsubscribe = {
  name: 'unsubscribe',
  description: 'Stop some topics, or all briefings here (all: also forgets this chat)',
  usage: '/unsubscribe [topic… | all]',
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
    const { briefings } = services;
    if (!topics || /^all$/i.test(topics)) {
      await services.forgetChat(context.chat);
      return {
        text: "Done: no more briefings here, and I deleted this chat's settings. /subscribe starts again.",
      };
    }
    const ids = resolveTopicList(topics, services.topics);
    const existing = briefings.subscription(context.chat);
    if (!existing) return { text: 'This chat has no briefings to stop. /subscribe starts them.' };
    if (existing.topics.length === 0) {
      throw new UserError(
        'This chat gets every topic. To follow only some, send /unsubscribe all, then /subscribe with the topics you want.',
      );
    }
    const missing = ids.filter((id) => !existing.topics.includes(id));
    if (missing.length === ids.length) {
      throw new UserError(`This chat does not follow ${missing.join(', ')}. See /subscriptions.`);
    }
    const left = await briefings.removeTopics(context.chat, ids);
    if (!left)
      return {
        text: 'That was the last topic, so the briefings here have stopped. /subscribe starts again.',
      };
    const names = left.topics.map((id) => services.topics.find(id)?.names.en ?? id).join(', ');
    return { text: `Done. This chat now follows ${names}. See /subscriptions.` };
  },
} satisfies Command<z.output<typeof UnsubscribeArgs>>;
