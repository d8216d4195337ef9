/**
 * Shortens text to at most `max` UTF-16 units, ending with "…": cut at the last space that keeps
 * at least half of the room, else at a character boundary (never inside a surrogate pair).
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let end = max - 1; // room for the ellipsis
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  const space = text.slice(0, end + 1).search(/\s\S*$/);
  if (space >= end / 2) end = space;
  return `${text.slice(0, end).trimEnd()}…`;
}

export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
