// why a reader's url could not be read, as one of the catalogue's reasons. The fetcher's own messages
// are English and detailed, for the log; the reader gets a plain reason in their language, and never
// the raw bytes of what was fetched. A message this does not know reads as a failed connection.
import { FeedError, UserError } from '../errors.js';
import { RefusedUrlError } from '../fetch/fetch-errors.js';
import type { Locale } from '../i18n/locale.js';
import { isSaid, said, t, type Said } from '../i18n/translate.js';

/** the reason behind a refusal or a failed fetch, for "{url}: {reason}" lines and sentences */
export function fetchReason(error: unknown): Said {
  if (error instanceof UserError) return userErrorReason(error);
  if (error instanceof RefusedUrlError) return refusalReason(error.message);
  if (error instanceof FeedError) return failureReason(error.message);
  return said('reason.failed');
}

function userErrorReason(error: UserError): Said {
  const reason = error.values?.reason;
  if (isSaid(reason)) return reason;
  if (error.key === 'address.invalid' || error.key === 'address.missing') return said('reason.notAddress');
  if (error.key === 'address.tooLong') return said('reason.tooLong', error.values);
  return error.key ? said(error.key, error.values) : said('reason.failed');
}

// "Refused <url> (redirected from <url>): it points to a private or local address (<ip>)"
function refusalReason(message: string): Said {
  if (/only http and https/i.test(message)) return said('reason.notHttp');
  const address = /\(([^()\s]+)\)$/.exec(message)?.[1] ?? '?';
  const redirected = /^Refused (\S+) \(redirected from /.exec(message);
  return redirected?.[1]
    ? said('reason.privateRedirect', { to: redirected[1], address })
    : said('reason.private', { address });
}

/**
 * A source's stored failure (the fetcher's or parser's English, kept for the log and for English
 * readers) in the reader's language: one plain reason, never the English detail.
 */
export function failureInLocale(locale: Locale, message: string): string {
  if (locale === 'en') return message;
  // the health record keeps src/health/plain-error.ts's short line; the fetcher's own message reads too
  const status = /answered (?:HTTP )?(\d{3})\b/.exec(message);
  const address = /private or local address \(([^()]+)\)/.exec(message);
  const reason = status
    ? said(/^(429|503)$/.test(status[1]!) ? 'reason.busy' : 'reason.http', { status: Number(status[1]) })
    : address
      ? said('reason.private', { address: address[1]! })
      : /\bnot (?:a feed|a news page|a complete feed|well-formed XML|valid JSON|a usable JSON Feed)\b/.test(
            message,
          )
        ? said('reason.notFeed')
        : /redirects in a loop/.test(message)
          ? said('reason.redirects')
          : failureReason(message, said('reason.unreadable'));
  return t(locale, reason.key, reason.values);
}

function failureReason(message: string, otherwise: Said = said('reason.failed')): Said {
  const within = /(?:no answer|could not connect) within (\d+(?:\.\d+)?) s\b/.exec(message);
  if (within) return said('reason.timeout', { seconds: Number(within[1]) });
  const limit = /over the (\d+(?:\.\d+)?) MB limit/.exec(message);
  if (limit) return said('reason.tooLarge', { max: megabytes(Number(limit[1])) });
  if (/no such host|could not be looked up/.test(message)) return said('reason.noHost');
  if (/redirect loop|more than \d+ redirects|redirects to ".*", not a URL/.test(message)) {
    return said('reason.redirects');
  }
  return otherwise;
}

// the fetcher names its limit to one decimal ("5.0 MB"): a whole one reads "5 MB (5,120 KB)"
const megabytes = (mb: number): Said =>
  Number.isInteger(mb) ? said('size.limit', { mb, kb: mb * 1024 }) : said('size.mb', { mb });
