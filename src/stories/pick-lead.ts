import type { StoredArticle } from '../store/news-store.js';

export type LeadCandidate = Pick<StoredArticle, 'id' | 'publishedAt' | 'firstSeenAt' | 'summary'>;

/**
 * The report a story is shown by, and the others as "also". Rule: the earliest report leads (published
 * time, else first seen), because it is the one that broke the story; on a tie the most complete one
 * (the longer summary), then the smaller id. The others follow, earliest first.
 */
export function pickLead<T extends LeadCandidate>(members: readonly T[]): { lead: T; also: T[] } {
  const ordered = [...members].sort(leadFirst);
  const [lead, ...also] = ordered;
  if (!lead) throw new RangeError('pickLead needs at least one article: a story is never empty.');
  return { lead, also };
}

/** the order pickLead puts reports in: earliest, then the longer summary, then the smaller id */
export function leadFirst(a: LeadCandidate, b: LeadCandidate): number {
  return (
    timeOf(a) - timeOf(b) || b.summary.length - a.summary.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const timeOf = (article: LeadCandidate): number => article.publishedAt ?? article.firstSeenAt;
