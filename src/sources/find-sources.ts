import { foldText } from '../text/fold.js';
import type { Source } from './source.js';

/**
 * Sources a reader means by a name, any case: an exact id or name, else every edition of an outlet
 * ("tolonews" → tolonews-en, tolonews-fa), else names that start with it.
 */
export function findSources(sources: readonly Source[], query: string): Source[] {
  const folded = foldText(query).replace(/\s+/g, ' ').trim();
  if (!folded) return [];
  const compact = folded.replace(/[\s-]+/g, '');
  const exact = sources.filter(
    (source) =>
      source.id === folded || foldText(source.name) === folded || source.id.replace(/-/g, '') === compact,
  );
  if (exact.length) return exact;
  const editions = sources.filter((source) => source.id.startsWith(`${folded.replace(/\s+/g, '-')}-`));
  if (editions.length) return editions;
  return sources.filter(
    (source) =>
      foldText(source.name).startsWith(folded) ||
      foldText(source.name)
        .replace(/[\s-]+/g, '')
        .startsWith(compact),
  );
}
