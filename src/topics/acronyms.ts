// short all-caps aliases (US, U.S., UN, IEA, SCO, CSTO) match only as written, in capitals,
// on the original text: "us" and "Us" are words, "US" is the country.

const ACRONYM = /^(?:[A-Z]{2,4}|(?:[A-Z]\.){2,4})$/;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/** True for an alias that is matched case-sensitively: 2–4 capitals, optionally each followed by a dot. */
export function isAcronym(alias: string): boolean {
  return ACRONYM.test(alias);
}

const undotted = (acronym: string): string => acronym.replace(/\./g, '');

// a text written mostly in capitals ("IEA REJECTS US CLAIMS") cannot tell "US" from "us"
function isShouting(text: string): boolean {
  let count = 0;
  let caps = 0;
  for (const [word] of text.matchAll(LATIN_WORD)) {
    count += 1;
    if (word === word.toUpperCase()) caps += 1;
  }
  return count >= 3 && caps / count >= 0.6;
}

export interface AcronymScanner {
  /** calls found(topic) for each acronym in the text (repeats possible) */
  scan(text: string, found: (topic: number) => void): void;
}

/** Builds one regex over all acronyms; "U.S." also matches "U.S"; a plural "s" is allowed ("NGOs", "IDPs"). */
export function createAcronymScanner(acronyms: readonly { alias: string; topic: number }[]): AcronymScanner {
  const topicOf = new Map<string, number>();
  for (const { alias, topic } of acronyms)
    if (!topicOf.has(undotted(alias))) topicOf.set(undotted(alias), topic);
  const patterns = [...new Set(acronyms.map(({ alias }) => alias))]
    .map((alias) => (alias.includes('.') ? `${alias.slice(0, -1).replace(/\./g, '\\.')}\\.?` : alias))
    .sort((a, b) => b.length - a.length);
  if (patterns.length === 0) return { scan: () => undefined };
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])(${patterns.join('|')})s?(?![\\p{L}\\p{N}])`, 'gu');
  return {
    scan(text, found) {
      const hits: number[] = [];
      for (const match of text.matchAll(regex)) {
        const topic = topicOf.get(undotted(match[1] ?? ''));
        if (topic !== undefined) hits.push(topic);
      }
      if (hits.length === 0 || isShouting(text)) return;
      for (const topic of hits) found(topic);
    },
  };
}
