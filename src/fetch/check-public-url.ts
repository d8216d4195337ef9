// the safety check for user-given urls, run before the first request and again before every
// redirect; the addresses it returns are the ones the connection is pinned to.
import { isIP } from 'node:net';
import { FeedError } from '../errors.js';
import { describeCause, RefusedUrlError } from './fetch-errors.js';
import { nonPublicReason } from './non-public-address.js';
import { bareHostname, systemResolver, type ResolvedAddress, type Resolver } from './resolver.js';

export interface PublicUrlOptions {
  resolver?: Resolver;
  /** host names the operator trusts even though they resolve to private addresses */
  trustedHosts?: readonly string[];
  /** the url the server redirected from, named in the refusal */
  redirectedFrom?: string;
}

/** Throws RefusedUrlError unless `url` is http(s) and every address of its host is public. */
export async function checkPublicUrl(url: URL, options: PublicUrlOptions = {}): Promise<ResolvedAddress[]> {
  const where = options.redirectedFrom ? `${url.href} (redirected from ${options.redirectedFrom})` : url.href;
  assertHttpUrl(url, where);
  const host = bareHostname(url);
  const addresses = await resolveHost(host, options.resolver ?? systemResolver, url.href);
  if (options.trustedHosts?.some((trusted) => trusted.toLowerCase() === host)) return addresses;
  const refused = addresses.find(({ address }) => nonPublicReason(address) !== undefined);
  if (refused) {
    throw new RefusedUrlError(
      `Refused ${where}: it points to a private or local address (${refused.address})`,
    );
  }
  return addresses;
}

export function assertHttpUrl(url: URL, where = url.href): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RefusedUrlError(`Refused ${where}: only http and https URLs can be fetched`);
  }
}

/** An ip literal as is; a name through the resolver. Throws FeedError naming the url. */
export async function resolveHost(
  host: string,
  resolver: Resolver,
  where: string,
): Promise<ResolvedAddress[]> {
  const family = isIP(host);
  if (family) return [{ address: host, family: family === 6 ? 6 : 4 }];
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolver(host);
  } catch (cause) {
    throw new FeedError(`Cannot fetch ${where}: ${describeCause(cause)} (${host})`, { cause });
  }
  if (!addresses.length) throw new FeedError(`Cannot fetch ${where}: no such host (${host})`);
  return addresses;
}
