const REPLACEMENTS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

// a lone surrogate is not valid UTF-8; Telegram would refuse the whole message
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for Telegram's HTML parse mode: `&`, `<`, `>` and `"`, so the result is safe both
 * between tags and inside a double-quoted attribute. Each escape counts as one character to Telegram.
 * The one place where text from feeds and commands enters Telegram HTML.
 */
export function escapeHtml(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(/[&<>"]/g, (ch) => REPLACEMENTS[ch] ?? ch);
}
