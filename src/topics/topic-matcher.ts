import { foldText, words } from '../text/fold.js';
import { createAcronymScanner, isAcronym } from './acronyms.js';
import { NEUTRAL_PHRASES } from './neutral-phrases.js';
import { buildPhraseIndex, NEUTRAL, scanPhrases } from './phrase-index.js';
import type { Phrase } from './phrase-index.js';
import { stemsOf } from './stems.js';
import { suggestTopics } from './suggest.js';
import type { NameKey } from './suggest.js';
import type { Topic } from './topic.js';
import { foldKey, topicNames } from './topic-names.js';

export interface TopicMatcher {
  readonly topics: readonly Topic[];
  /** topic ids mentioned in any of the texts (title, summary, full text), in taxonomy order */
  tag(texts: string[]): string[];
  /** a topic by id or display name or alias in any of the three languages ("central asia", "Central-Asia",
   *  "افغانستان", "US"), folded; undefined if none */
  find(name: string): Topic | undefined;
  /** closest topics to a mistyped name, best first (edit distance on folded names/ids/aliases), at most limit */
  suggest(name: string, limit?: number): Topic[];
}

export interface TopicMatcherOptions {
  /** phrases that hide their words from every alias ("Russian dressing"); default NEUTRAL_PHRASES */
  neutralPhrases?: readonly string[];
}

/**
 * Builds the alias lookups once: acronyms (case-sensitive, on the original text) and folded word phrases
 * (case-, diacritic- and letter-variant-insensitive, on word boundaries). tag() is linear in text length.
 * find() knows a topic by its id, its display names and its acronyms ("US", "IEA"), any case: a reader
 * typing "/topic us" means the United States. Other aliases are not names: "/topic bagram" is a search
 * for Bagram, not the whole of Afghanistan.
 */
export function createTopicMatcher(
  topics: readonly Topic[],
  options: TopicMatcherOptions = {},
): TopicMatcher {
  const phrases: Phrase[] = [];
  const acronyms: { alias: string; topic: number }[] = [];
  const keys: NameKey[] = [];
  const byKey = new Map<string, number>();
  topics.forEach((topic, index) => {
    for (const { text, path } of topicNames(topic)) {
      const key = foldKey(text);
      if (key === '') continue;
      keys.push({ key, topic: index });
      const isName = path === 'id' || path.startsWith('names.') || isAcronym(text);
      if (isName && !byKey.has(key)) byKey.set(key, index);
      if (isAcronym(text)) acronyms.push({ alias: text, topic: index });
      else phrases.push({ words: key.split(' '), topic: index });
    }
  });
  for (const text of options.neutralPhrases ?? NEUTRAL_PHRASES) {
    const key = foldKey(text);
    if (key !== '') phrases.push({ words: key.split(' '), topic: NEUTRAL });
  }
  const index = buildPhraseIndex(phrases);
  const scanner = createAcronymScanner(acronyms);
  const findVocabulary = new Set(keys.flatMap(({ key }) => key.split(' ')));

  const toStem = (word: string): string =>
    findVocabulary.has(word) ? word : (stemsOf(word).find((stem) => findVocabulary.has(stem)) ?? word);

  return {
    topics,
    tag(texts) {
      const found = new Array<boolean>(topics.length).fill(false);
      const mark = (topic: number): void => {
        found[topic] = true;
      };
      for (const text of texts) {
        if (!text) continue;
        scanner.scan(text, mark);
        scanPhrases(words(foldText(text)), index, mark);
      }
      return topics.filter((_, i) => found[i]).map((topic) => topic.id);
    },
    find(name) {
      const key = foldKey(name);
      if (key === '') return undefined;
      const topic = byKey.get(key) ?? byKey.get(key.split(' ').map(toStem).join(' '));
      return topic === undefined ? undefined : topics[topic];
    },
    suggest(name, limit = 3) {
      return suggestTopics(foldKey(name), keys, limit).flatMap((i) => topics[i] ?? []);
    },
  };
}
