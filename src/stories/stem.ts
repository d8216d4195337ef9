// light stemmers: enough that two outlets' inflections of one word agree, no more.

const VOWEL = /[aeiouy]/;
const DOUBLED = /([^aeiouylsz])\1$/;

/** English: plural -s/-ies, -ed, -ing and a final -e, so "killed", "kills", "killing" all give "kill". */
export function stemEnglish(word: string): string {
  let stem = word;
  if (stem.length > 4 && stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
  else if (stem.length > 3 && stem.endsWith('s') && !/(?:ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    const base = stem.slice(0, -suffix.length);
    if (stem.endsWith(suffix) && base.length >= 3 && VOWEL.test(base)) {
      stem = DOUBLED.test(base) ? base.slice(0, -1) : base;
      break;
    }
  }
  if (stem.length > 3 && stem.endsWith('e')) stem = stem.slice(0, -1);
  return stem;
}

// plural endings written joined once ZWNJ is folded away: "میله‌های" → "میلههای"
const PERSIAN_PLURAL = /(?:هایی|های|ها)$/;

/** Persian/Dari: the plural -ها/-های, then a final silent heh, so "میله‌های" and "میله" agree. */
export function stemPersian(word: string): string {
  let stem = word;
  const plural = stem.replace(PERSIAN_PLURAL, '');
  if (plural.length >= 2) stem = plural;
  if (stem.length > 3 && stem.endsWith('ه')) stem = stem.slice(0, -1);
  return stem;
}

// pashto inflects nouns by their ending: "زلزله", "زلزلې"; "ځواکونه", "ځواکونو"
const PASHTO_ENDING = /(?:ونو|ونه|انو|ګانې|ګانو|ې|ه|و|ی)$/;

/** Pashto: case and plural endings off when at least three letters remain. */
export function stemPashto(word: string): string {
  const stem = word.replace(PASHTO_ENDING, '');
  return stem.length >= 3 ? stem : word;
}

const STEMMERS: Record<string, (word: string) => string> = {
  en: stemEnglish,
  fa: stemPersian,
  ps: stemPashto,
};

/** The stemmer of a story language ("en", "fa", "ps"); other languages keep their words whole. */
export function stemmerOf(language: string): (word: string) => string {
  return STEMMERS[language] ?? ((word) => word);
}
