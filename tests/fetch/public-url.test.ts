import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublicUrl } from '../../src/fetch/check-public-url.js';
import { RefusedUrlError } from '../../src/fetch/fetch-errors.js';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { nonPublicReason } from '../../src/fetch/non-public-address.js';
import { createStaticResolver } from '../../src/fetch/resolver.js';
import { readSource } from '../../src/ingest/read-source.js';
import { SMALL_FEED, startLocalServer, type LocalServer, type Route } from './local-server.js';

// no name here reaches real dns, and every connection made goes to 127.0.0.1
const resolver = createStaticResolver({
  'intranet.test': '10.0.0.5',
  'mixed.test': ['93.184.216.34', '10.0.0.5'],
  'news.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'metadata.test': '169.254.169.254',
  'mapped.test': '::ffff:192.168.1.1',
  localhost: ['127.0.0.1', '::1'],
  // the operator trusts this one (say, an rss bridge on the same machine)
  'bridge.test': '127.0.0.1',
});

let server: LocalServer;
let fetcher: ReturnType<typeof createNodeHttpFetch>;

const redirect =
  (location: () => string): Route =>
  (_request, response) => {
    response.statusCode = 302;
    response.setHeader('location', location());
    response.end();
  };

beforeAll(async () => {
  server = await startLocalServer({
    '/feed': (_request, response) => response.end(SMALL_FEED),
    '/to-loopback': redirect(() => `http://127.0.0.1:${server.port}/feed`),
    '/to-intranet': redirect(() => 'http://intranet.test/admin'),
    '/to-metadata': redirect(() => 'http://169.254.169.254/latest/meta-data/'),
  });
  fetcher = createNodeHttpFetch({ hostGapMs: 0, resolver, trustedHosts: ['bridge.test'] });
});

afterAll(async () => {
  fetcher.close();
  await server.close();
});

const refusal = async (url: string) => {
  const error = await fetcher(new URL(url), { publicOnly: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RefusedUrlError);
  return (error as Error).message;
};

describe('user-given urls reach public addresses only', () => {
  it('refuses loopback, before any request is made', async () => {
    server.reset();
    expect(await refusal(`http://127.0.0.1:${server.port}/feed`)).toBe(
      `Refused http://127.0.0.1:${server.port}/feed: it points to a private or local address (127.0.0.1)`,
    );
    expect(await refusal(`http://[::1]:${server.port}/feed`)).toBe(
      `Refused http://[::1]:${server.port}/feed: it points to a private or local address (::1)`,
    );
    expect(await refusal(`http://localhost:${server.port}/`)).toMatch(
      /private or local address \(127\.0\.0\.1\)/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('refuses the cloud metadata address and other link-local ones', async () => {
    expect(await refusal('http://169.254.169.254/latest/meta-data/')).toBe(
      'Refused http://169.254.169.254/latest/meta-data/: it points to a private or local address (169.254.169.254)',
    );
    expect(await refusal('http://metadata.test/')).toMatch(/\(169\.254\.169\.254\)$/);
    expect(await refusal('http://[fe80::1]/')).toMatch(/\(fe80::1\)$/);
  });

  it('refuses a public-looking name that resolves to a private address', async () => {
    expect(await refusal('http://intranet.test/feed.xml')).toBe(
      'Refused http://intranet.test/feed.xml: it points to a private or local address (10.0.0.5)',
    );
    expect(await refusal('https://mapped.test/')).toMatch(/\(::ffff:192\.168\.1\.1\)$/);
  });

  it('refuses a name when any one of its addresses is private', async () => {
    await expect(checkPublicUrl(new URL('http://mixed.test/'), { resolver })).rejects.toThrow(
      'Refused http://mixed.test/: it points to a private or local address (10.0.0.5)',
    );
  });

  it('refuses ip literals in the odd spellings a url parser turns into loopback', async () => {
    expect(await refusal('http://2130706433/')).toMatch(
      /^Refused http:\/\/127\.0\.0\.1\/: .*\(127\.0\.0\.1\)$/,
    );
    expect(await refusal('http://0x7f.1/')).toMatch(/\(127\.0\.0\.1\)$/);
    expect(await refusal('http://[::ffff:127.0.0.1]/')).toMatch(/\(::ffff:7f00:1\)$/);
    expect(await refusal('http://0.0.0.0/')).toMatch(/\(0\.0\.0\.0\)$/);
  });

  it('checks again after every redirect, naming where it came from', async () => {
    server.reset();
    const start = `http://bridge.test:${server.port}`;
    // the trusted host itself may be fetched...
    await expect(fetcher(new URL(`${start}/feed`), { publicOnly: true })).resolves.toMatchObject({
      kind: 'ok',
    });
    // ...but where it redirects is checked like any user-given url
    expect(await refusal(`${start}/to-loopback`)).toBe(
      `Refused http://127.0.0.1:${server.port}/feed (redirected from ${start}/to-loopback): it points to a private or local address (127.0.0.1)`,
    );
    expect(await refusal(`${start}/to-intranet`)).toMatch(
      /^Refused http:\/\/intranet\.test\/admin \(redirected from .*\(10\.0\.0\.5\)$/,
    );
    expect(await refusal(`${start}/to-metadata`)).toMatch(/\(169\.254\.169\.254\)$/);
    // the redirect targets were never asked for
    expect(server.requests.map((r) => r.path)).toEqual([
      '/feed',
      '/to-loopback',
      '/to-intranet',
      '/to-metadata',
    ]);
  });

  it('refuses anything but http(s)', async () => {
    expect(await refusal('ftp://news.example/feed')).toBe(
      'Refused ftp://news.example/feed: only http and https URLs can be fetched',
    );
    await expect(
      readSource(
        new URL('file:///etc/passwd'),
        { maxBytes: 1024, timeoutMs: 1_000 },
        { publicOnly: true, fetch: fetcher },
      ),
    ).rejects.toThrow('Refused file:///etc/passwd: only http and https URLs can be fetched');
  });

  it('passes a name whose addresses are all public, returning them to connect to', async () => {
    await expect(checkPublicUrl(new URL('https://news.example/feed'), { resolver })).resolves.toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
  });

  it('without publicOnly, local addresses are fetched (operator-configured sources)', async () => {
    await expect(fetcher(server.url('/feed'), {})).resolves.toMatchObject({ kind: 'ok' });
  });
});

describe('nonPublicReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.10', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared (cgnat)'],
    ['100.127.255.254', 'shared (cgnat)'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.1', 'documentation'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:0:10.0.0.1', 'private'],
    ['::10.0.0.1', 'private'],
    ['64:ff9b::a00:5', 'private'],
    ['64:ff9b:1::1', 'private'],
    ['2002:a00:5::1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378::1', 'reserved'],
    ['fec0::1', 'site-local'],
    ['100::1', 'reserved'],
    ['not-an-address', 'not an ip address'],
  ])('%s is not public (%s)', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '1.1.1.1',
    '100.128.0.1',
    '172.32.0.1',
    '172.15.255.255',
    '169.255.0.1',
    '192.169.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(nonPublicReason(address)).toBeUndefined();
  });
});
