// cheap suffix stripping so "Afghans", "ایرانیان", "مرزها", "زلزله‌ای" and "سېلابونو" reach their alias.
// a stem is only used when the token itself is not an alias word, and only if the stem is one.

const LATIN_PLURAL = /^[a-z]{2,}[a-rt-z]s$/;
const ARABIC_SCRIPT = /^[\u0600-\u06FF]/;
// dari plurals (ها، های، ان، یان), pashto plurals and obliques (ونه، ونو، انو، یانو), adjective/ezafe ی
const PERSO_ARABIC_SUFFIXES = ['های', 'ها', 'یانو', 'انو', 'ونه', 'ونو', 'یان', 'ان', 'ی'];
const MIN_STEM = 3;
// indefinite/ezafe "ای" after a final ه ("زلزله‌ای"); only for longer stems, since "پول‌های" (money) folds
// to the same letters as "پوله" (pashto: border) + "ای"
const HEH_YEH = 'ای';
const MIN_HEH_STEM = 5;

/** Candidate stems of a folded token, most specific first; [] when none applies. */
export function stemsOf(token: string): string[] {
  if (LATIN_PLURAL.test(token)) return [token.slice(0, -1)];
  if (!ARABIC_SCRIPT.test(token)) return [];
  const stems: string[] = [];
  for (const suffix of PERSO_ARABIC_SUFFIXES) {
    if (token.length - suffix.length >= MIN_STEM && token.endsWith(suffix))
      stems.push(token.slice(0, -suffix.length));
  }
  if (token.endsWith(`ه${HEH_YEH}`) && token.length - HEH_YEH.length >= MIN_HEH_STEM)
    stems.push(token.slice(0, -2));
  return stems;
}
