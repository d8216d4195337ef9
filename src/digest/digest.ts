// the digest is a document, not a string: each platform renders it in its own way.
import type { Calendar, Locale } from '../i18n/locale.js';

export interface DigestItem {
  articleId: string;
  title: string;
  url?: string;
  sourceId: string;
  sourceName: string;
  publishedAt: number | null;
  firstSeenAt: number;
  summary: string;
  language: string;
  topics: string[];
  /** other outlets that carried the same story (filled once stories exist) */
  alsoReportedBy: { sourceName: string; url?: string }[];
}

export interface DigestSection {
  heading?: string;
  items: DigestItem[];
}

export interface Digest {
  title: string;
  /** when the digest was made, ms since the epoch; relative times are counted from it */
  generatedAt: number;
  /** IANA zone the reader sees times in */
  timeZone: string;
  sections: DigestSection[];
  /** shown when there are no items */
  emptyText: string;
  /** a closing line, e.g. "… and 12 more: /latest 25" */
  footer?: string;
  /** the language of the bot's own words in it (labels, times); English when absent */
  locale?: Locale;
  /** the calendar its dates are shown in; Gregorian when absent */
  calendar?: Calendar;
}

export function digestItems(digest: Digest): DigestItem[] {
  return digest.sections.flatMap((section) => section.items);
}
