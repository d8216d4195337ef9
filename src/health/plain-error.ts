// a fetch or parse failure as a reader would say it: "the server answered 503", "no answer within
// 15 s", "not a feed: it starts with …". the source and its url are left out (the reader knows
// which source it is); the full message stays in the log.

const RULES: [RegExp, (match: RegExpExecArray) => string][] = [
  [/answered HTTP (429|503)\b.*; try again after/, (m) => `the server answered ${m[1]} and asked us to wait`],
  [/answered HTTP (\d{3})/, (m) => `the server answered ${m[1]}`],
  [/no answer within ([\d.]+ m?s)/, (m) => `no answer within ${m[1]}`],
  [/could not connect within ([\d.]+ m?s)/, (m) => `could not connect within ${m[1]}`],
  [/redirect loop/, () => 'the server redirects in a loop'],
  [/more than (\d+) redirects/, (m) => `more than ${m[1]} redirects`],
  [
    /points to a private or local address \(([^)]+)\)/,
    (m) => `refused: it points to a private or local address (${m[1]})`,
  ],
  [/only http and https URLs can be fetched/, () => 'refused: only http and https URLs can be fetched'],
  [
    /(?:decompresses to|is) (?:more than )?([\d.]+ MB), over the ([\d.]+ MB) limit/,
    (m) => `too large: over the ${m[2]} limit`,
  ],
  [/(parsing took longer than .+|parsing needed more than .+)$/, (m) => m[1] ?? ''],
  [/\bis (not a (?:feed|news page): .+)$/, (m) => m[1] ?? ''],
  [/\bis (truncated: .+)$/, (m) => `not a complete feed: ${(m[1] ?? '').replace(/^truncated: /, '')}`],
  [/\bis (not (?:well-formed XML|valid JSON|a usable JSON Feed): .+)$/, (m) => m[1] ?? ''],
];

const MAX_CHARS = 160;

/** One short line for /sources and for chats; `message` is the error's message. */
export function plainError(message: string): string {
  const line = message.split('\n')[0] ?? message;
  for (const [pattern, say] of RULES) {
    const match = pattern.exec(line);
    if (match) return cut(say(match));
  }
  // "Cannot fetch <url>: connection refused" and the like: the cause after the url
  const cause = /^Cannot (?:fetch|read) \S+: (.+)$/.exec(line)?.[1];
  return cut(cause ?? line);
}

function cut(text: string): string {
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS - 1).trimEnd()}…`;
}
