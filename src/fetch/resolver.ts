// host name → addresses; injected so tests and the bench can map names without real dns.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address of a host name; rejects with an Error whose code is ENOTFOUND when there is none. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** Names looked up in a table (exact, case-insensitive); others go to `fallback` or are not found. */
export function createStaticResolver(
  table: Record<string, string | string[]> | ((hostname: string) => string | string[] | undefined),
  fallback?: Resolver,
): Resolver {
  const find = typeof table === 'function' ? table : (name: string) => table[name];
  return async (hostname) => {
    const entry = find(hostname.toLowerCase());
    if (entry === undefined) {
      if (fallback) return fallback(hostname);
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        hostname,
      });
    }
    return (Array.isArray(entry) ? entry : [entry]).map((address) => ({
      address,
      family: isIP(address) === 6 ? 6 : 4,
    }));
  };
}

/** The bare host of a url: brackets of an ipv6 literal removed, lower case. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}
