import { foldText, words } from '../text/fold.js';
import type { Topic } from './topic.js';

export const LANGUAGES = ['en', 'fa', 'ps'] as const;

/** One name a topic answers to, and where it sits inside the topic ("names.fa", "aliases.en[3]"). */
export interface TopicName {
  text: string;
  path: string;
}

/** The folded form of a name: its folded words joined by one space ('' when it has none). */
export function foldKey(text: string): string {
  return words(foldText(text)).join(' ');
}

/** Every name of a topic: its id, its display names and its aliases, in that order. */
export function topicNames(topic: Topic): TopicName[] {
  const names: TopicName[] = [{ text: topic.id, path: 'id' }];
  for (const lang of LANGUAGES) names.push({ text: topic.names[lang], path: `names.${lang}` });
  for (const lang of LANGUAGES) {
    topic.aliases[lang].forEach((text, i) => names.push({ text, path: `aliases.${lang}[${i}]` }));
  }
  return names;
}
