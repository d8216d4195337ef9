// suggestions while a reader types a topic or source option: at most 25, ranked by the typed prefix.
import { foldText, truncateAtWord, type Source, type Topic } from '../../src/index.js';

export interface AutocompleteChoice {
  /** what the reader sees, 1–100 characters */
  name: string;
  /** what the option receives, 1–100 characters */
  value: string;
}

export const MAX_SUGGESTIONS = 25;
const CHOICE_MAX = 100;

interface Candidate {
  value: string;
  /** the names it can be found by; the first is its display name */
  labels: string[];
}

const fold = (text: string) => foldText(text).replace(/\s+/g, ' ').trim();

/** 0 exact, 1 prefix, 2 a later word's prefix, 3 inside; undefined when the label does not match */
function score(label: string, typed: string): number | undefined {
  const folded = fold(label);
  if (folded === typed) return 0;
  if (folded.startsWith(typed)) return 1;
  if (folded.split(/[\s\-–—()]+/).some((word) => word.startsWith(typed))) return 2;
  if (folded.includes(typed)) return 3;
  return undefined;
}

function rank(candidates: Candidate[], typed: string, show: (c: Candidate, label: string) => string) {
  const query = fold(typed).slice(0, CHOICE_MAX);
  const ranked: { candidate: Candidate; label: string; score: number; order: number }[] = [];
  candidates.forEach((candidate, order) => {
    let best: { label: string; score: number } | undefined;
    for (const label of candidate.labels) {
      const s = query === '' ? 0 : score(label, query);
      if (s !== undefined && (best === undefined || s < best.score)) best = { label, score: s };
    }
    if (best) ranked.push({ candidate, ...best, order });
  });
  ranked.sort((a, b) => a.score - b.score || a.order - b.order);
  return ranked.slice(0, MAX_SUGGESTIONS).map(({ candidate, label }) => ({
    name: truncateAtWord(show(candidate, label), CHOICE_MAX),
    value: candidate.value.slice(0, CHOICE_MAX),
  }));
}

/** Topics by id and by their English, Dari and Pashto names; shown in the language that matched. */
export function suggestTopics(topics: readonly Topic[], typed: string): AutocompleteChoice[] {
  const candidates = topics.map((topic) => ({
    value: topic.id,
    labels: [topic.names.en, topic.id, topic.names.fa, topic.names.ps],
  }));
  return rank(candidates, typed, (candidate, label) => {
    const english = candidate.labels[0]!;
    return label === english || label === candidate.value ? english : `${label} — ${english}`;
  });
}

/** Sources by id and display name. */
export function suggestSources(sources: readonly Source[], typed: string): AutocompleteChoice[] {
  const candidates = sources.map((source) => ({ value: source.id, labels: [source.name, source.id] }));
  return rank(candidates, typed, (candidate) => `${candidate.labels[0]!} (${candidate.value})`);
}
