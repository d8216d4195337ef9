// the outlines of an imported OPML file, each checked like a url typed into /source add (http(s),
// no credentials, a public address), before any is added: what may be added and why others may not.
import { checkPublicUrl } from '../fetch/check-public-url.js';
import type { Resolver } from '../fetch/resolver.js';
import { normalizeLanguageTag } from '../feeds/language-tag.js';
import { said, type Said } from '../i18n/translate.js';
import { sourceName } from './chat-source.js';
import { fetchReason } from './fetch-reason.js';
import { parseUserUrl, shorten } from './fetch-user-url.js';
import type { ImportNote } from './import-note.js';
import type { OpmlOutline } from './opml.js';
import { SourceSchema } from './source.js';

export interface OutlineCandidate {
  url: string;
  name: string;
  language: string;
  kind: 'feed' | 'page';
}

export interface OutlineVerdicts {
  candidates: OutlineCandidate[];
  /** not http(s), or not a public address */
  refused: ImportNote[];
  /** already read here, or over the chat's limit */
  skipped: ImportNote[];
}

const CHECKS_AT_ONCE = 8;

export async function checkOutlines(
  outlines: readonly OpmlOutline[],
  options: {
    /** how many more sources the chat may add */
    room: number;
    maxPerChat: number;
    /** why a url is not new here ("already added here as … (c-…)"), or undefined */
    known: (url: string) => Said | undefined;
    fallbackLanguage: string;
    resolver?: Resolver | undefined;
    trustedHosts?: readonly string[] | undefined;
  },
): Promise<OutlineVerdicts> {
  const verdicts: OutlineVerdicts = { candidates: [], refused: [], skipped: [] };
  const seen = new Set<string>();
  const pending: { outline: OpmlOutline; url: URL }[] = [];
  for (const outline of outlines) {
    let url: URL;
    try {
      url = parseUserUrl(outline.url);
    } catch (error) {
      verdicts.refused.push({ url: shorten(outline.url), reason: fetchReason(error) });
      continue;
    }
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    const known = options.known(url.href);
    if (known) verdicts.skipped.push({ url: shorten(url.href), reason: known });
    else pending.push({ outline, url });
  }
  // the address checks run a few at once, in order, until the chat is full
  let over = 0;
  for (let start = 0; start < pending.length; start += CHECKS_AT_ONCE) {
    if (verdicts.candidates.length >= options.room) {
      over += pending.length - start;
      break;
    }
    const batch = pending.slice(start, start + CHECKS_AT_ONCE);
    const problems = await Promise.all(batch.map(({ url }) => addressProblem(url, options)));
    batch.forEach(({ outline, url }, i) => {
      const problem = problems[i];
      if (problem) verdicts.refused.push({ url: shorten(url.href), reason: problem });
      else if (verdicts.candidates.length >= options.room) over++;
      else verdicts.candidates.push(candidate(outline, url, options.fallbackLanguage));
    });
  }
  if (over > 0) {
    verdicts.skipped.push({ reason: said('import.overLimit', { count: over, max: options.maxPerChat }) });
  }
  return verdicts;
}

async function addressProblem(
  url: URL,
  options: { resolver?: Resolver | undefined; trustedHosts?: readonly string[] | undefined },
): Promise<Said | undefined> {
  try {
    await checkPublicUrl(url, {
      ...(options.resolver ? { resolver: options.resolver } : {}),
      ...(options.trustedHosts ? { trustedHosts: options.trustedHosts } : {}),
    });
    return undefined;
  } catch (error) {
    return fetchReason(error);
  }
}

function candidate(outline: OpmlOutline, url: URL, fallbackLanguage: string): OutlineCandidate {
  const language = normalizeLanguageTag(outline.language);
  return {
    url: url.href,
    name: sourceName(outline.name) ?? url.hostname,
    language:
      language !== undefined && SourceSchema.shape.language.safeParse(language).success
        ? language
        : fallbackLanguage,
    kind: outline.kind,
  };
}
