import { editDistance } from './edit-distance.js';

/** A folded name and the topic (index in taxonomy order) it belongs to. */
export interface NameKey {
  key: string;
  topic: number;
}

/** how far off a query may be and still be suggested: 1 edit for short names, about a third of the length */
const tolerance = (query: string): number => Math.max(1, Math.floor(query.length / 3));

/**
 * Topics whose id, name or alias is closest to a folded query, best first, at most limit; none more
 * than one edit further off than the best.
 * A name that starts with the query (3+ characters) counts as one edit away ("afgh" → afghanistan).
 */
export function suggestTopics(query: string, keys: readonly NameKey[], limit: number): number[] {
  if (query.length === 0 || limit <= 0) return [];
  const best = new Map<number, number>();
  const allowed = tolerance(query);
  for (const { key, topic } of keys) {
    if (Math.abs(key.length - query.length) > allowed && !(query.length >= 3 && key.startsWith(query)))
      continue;
    let distance = editDistance(query, key);
    if (query.length >= 3 && key.startsWith(query)) distance = Math.min(distance, 1);
    if (distance <= allowed && distance < (best.get(topic) ?? Infinity)) best.set(topic, distance);
  }
  const ranked = [...best.entries()].sort(([topicA, a], [topicB, b]) => a - b || topicA - topicB);
  // a far worse guess beside a near one only distracts ("afghanistn": Afghanistan, not also Economy
  // for its alias "afghani")
  const closest = ranked[0]?.[1] ?? 0;
  return ranked
    .filter(([, distance]) => distance <= closest + 1)
    .slice(0, limit)
    .map(([topic]) => topic);
}
