import { stemsOf } from './stems.js';

/** sentinel topic of a neutral phrase: it matches, hides its words, and tags nothing */
export const NEUTRAL = -1;

export interface Phrase {
  words: readonly string[];
  /** index of the topic in taxonomy order, or NEUTRAL */
  topic: number;
}

/** Folded alias phrases keyed by their first word, longest first, plus every word any phrase uses. */
export interface PhraseIndex {
  byFirst: ReadonlyMap<string, readonly Phrase[]>;
  vocabulary: ReadonlySet<string>;
}

export function buildPhraseIndex(phrases: readonly Phrase[]): PhraseIndex {
  const byFirst = new Map<string, Phrase[]>();
  const vocabulary = new Set<string>();
  const seen = new Set<string>();
  for (const phrase of phrases) {
    const [first] = phrase.words;
    const key = `${phrase.topic} ${phrase.words.join(' ')}`;
    if (first === undefined || seen.has(key)) continue;
    seen.add(key);
    for (const word of phrase.words) vocabulary.add(word);
    const list = byFirst.get(first) ?? [];
    list.push(phrase);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirst, vocabulary };
}

// a token stands for a phrase word if it is that word, or (not being an alias word itself) one of its stems is
function wordMatches(token: string, word: string, vocabulary: ReadonlySet<string>): boolean {
  return token === word || (!vocabulary.has(token) && stemsOf(token).includes(word));
}

function candidatesAt(token: string, index: PhraseIndex): readonly Phrase[] {
  const direct = index.byFirst.get(token);
  if (direct || index.vocabulary.has(token)) return direct ?? [];
  const stems = stemsOf(token);
  if (stems.length === 0) return [];
  return stems
    .flatMap((stem) => index.byFirst.get(stem) ?? [])
    .sort((a, b) => b.words.length - a.words.length);
}

function phraseAt(
  tokens: readonly string[],
  i: number,
  phrase: Phrase,
  vocabulary: ReadonlySet<string>,
): boolean {
  if (i + phrase.words.length > tokens.length) return false;
  for (let j = 1; j < phrase.words.length; j += 1) {
    if (!wordMatches(tokens[i + j] ?? '', phrase.words[j] ?? '', vocabulary)) return false;
  }
  return true;
}

/**
 * Walks folded tokens once and calls found(topic) for every alias phrase that starts at a token.
 * Overlapping aliases all count ("Collective Security Treaty Organization" is central-asia and security),
 * but where the longest phrase starting at a token is neutral, its words are skipped and nothing is tagged.
 */
export function scanPhrases(
  tokens: readonly string[],
  index: PhraseIndex,
  found: (topic: number) => void,
): void {
  let i = 0;
  while (i < tokens.length) {
    let skip = 1;
    let matched = false;
    for (const phrase of candidatesAt(tokens[i] ?? '', index)) {
      if (!phraseAt(tokens, i, phrase, index.vocabulary)) continue;
      if (phrase.topic === NEUTRAL) {
        if (matched) continue;
        skip = phrase.words.length;
        break;
      }
      matched = true;
      found(phrase.topic);
    }
    i += skip;
  }
}
