// one line of what an import or a site's announced feeds came to: an address, when the line is about
// one, and why it was refused or skipped, written in the reader's language when shown.
import { t, type InLocale, type Said } from '../i18n/translate.js';

export interface ImportNote {
  url?: string;
  reason: Said;
}

/** "<url>: <reason>", or the reason alone, in the reader's language */
export const noteLine =
  (note: ImportNote): InLocale =>
  (locale) => {
    const reason = t(locale, note.reason.key, note.reason.values);
    return note.url === undefined ? reason : `${note.url}: ${reason}`;
  };
