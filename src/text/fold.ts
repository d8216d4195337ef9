// text folding for matching and search: one function, so topics and search agree.
// folds case, Latin diacritics, Arabic/Persian letter variants, ZWNJ and tatweel, and digits.

const ARABIC_VARIANTS: Record<string, string> = {
  '\u064A': '\u06CC', // arabic yeh → farsi yeh
  '\u0649': '\u06CC', // alef maksura → farsi yeh
  '\u06D2': '\u06CC', // yeh barree → farsi yeh
  '\u0643': '\u06A9', // arabic kaf → keheh
  '\u0629': '\u0647', // teh marbuta → heh
  '\u06C0': '\u0647', // heh with yeh above → heh
  '\u06D5': '\u0647', // ae → heh
  '\u0623': '\u0627', // alef with hamza above → alef
  '\u0625': '\u0627', // alef with hamza below → alef
  '\u0622': '\u0627', // alef with madda → alef
  '\u0671': '\u0627', // alef wasla → alef
  '\u0624': '\u0648', // waw with hamza → waw
  '\u0626': '\u06CC', // yeh with hamza → farsi yeh
};

// combining marks (Latin accents, Arabic harakat), tatweel, ZWNJ/ZWJ, bidi marks and isolates
const IGNORABLE =
  /[\u0300-\u036f\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const ARABIC_VARIANT = /[\u064A\u0649\u06D2\u0643\u0629\u06C0\u06D5\u0623\u0625\u0622\u0671\u0624\u0626]/g;
const EASTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Folds text for comparison: lower case, no diacritics, one spelling of each Arabic-script letter. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(IGNORABLE, '')
    .replace(ARABIC_VARIANT, (ch) => ARABIC_VARIANTS[ch] ?? ch)
    .replace(EASTERN_DIGIT, (ch) => String((ch.charCodeAt(0) & 0xf) % 10))
    .toLowerCase();
}

// a word is a run of letters, marks or digits (any script); apostrophes inside words are kept out
const WORD = /[\p{L}\p{N}]+/gu;

/** Splits folded text into words. */
export function words(folded: string): string[] {
  return folded.match(WORD) ?? [];
}
