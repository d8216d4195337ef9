// whitespace as javascript's \s and trim() read it, and a one-scan test for text that is already
// one clean line, so the normalisers can skip folding what needs none (most feed text, once tags
// are gone).

/** True for the characters the regex \s matches (and String.prototype.trim removes). */
export function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

// a control character (c0, del or c1), whitespace other than a space (every \s but " "), or two spaces
const NOT_CLEAN = /[\u0000-\u001F\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]| {2}/;

/**
 * True when text is one clean line: words apart by single spaces, none at either end, and no
 * control characters. Folding whitespace, trimming or mending c1 characters would not change it.
 */
export function isCleanLine(text: string): boolean {
  return text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32 && !NOT_CLEAN.test(text);
}
