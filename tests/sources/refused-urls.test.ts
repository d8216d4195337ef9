import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Briefer } from '../../src/index.js';
import { parseUserUrl } from '../../src/sources/fetch-user-url.js';
import type { LocalServer } from '../fetch/local-server.js';
import {
  asker,
  chatA,
  onlyLoopbackConnections,
  openTestBriefer,
  redirect,
  rss,
  send,
  startNewsServer,
} from './chat-source-harness.js';

let server: LocalServer;
let briefer: Briefer;
let ask: ReturnType<typeof asker>;
let base: string;

beforeAll(async () => {
  onlyLoopbackConnections();
  server = await startNewsServer({
    '/feed.xml': send(rss('Local', 'en')),
    '/to-loopback': redirect(() => `http://127.0.0.1:${server.port}/feed.xml`),
    '/to-metadata': redirect(() => 'http://169.254.169.254/latest/meta-data/'),
    '/to-intranet': redirect(() => `http://intranet.example.test:${server.port}/feed.xml`),
    // a page announcing a feed on a private address
    '/site': (_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(
        `<!doctype html><html><head><title>Site</title><link rel="alternate" type="application/rss+xml" href="http://sneaky.example.test:${server.port}/feed.xml"></head><body></body></html>`,
      );
    },
  });
  base = `http://news.example.test:${server.port}`;
  briefer = await openTestBriefer(server);
  ask = asker(briefer);
});
afterAll(async () => {
  await briefer.close();
  await server.close();
});
beforeEach(() => server.reset());

const refusal = async (url: string) => {
  const reply = await ask(`/source add ${url}`);
  expect(reply.private).toBe(true);
  expect(briefer.chatSources.list(chatA.chat)).toEqual([]);
  return reply.text;
};

describe('/source add refuses every url that leads to a private address, with a clear message', () => {
  it('runs under a tripwire that lets sockets reach 127.0.0.1 only', () => {
    expect(vi.isMockFunction(net.Socket.prototype.connect)).toBe(true);
  });

  it('a loopback or private address, before any request', async () => {
    expect(await refusal(`http://127.0.0.1:${server.port}/feed.xml`)).toBe(
      `Refused http://127.0.0.1:${server.port}/feed.xml: it points to a private or local address (127.0.0.1). I only read public web addresses.`,
    );
    expect(await refusal('http://10.1.2.3/rss')).toMatch(
      /^Refused http:\/\/10\.1\.2\.3\/rss: .*\(10\.1\.2\.3\)/,
    );
    expect(await refusal(`http://localhost:${server.port}/feed.xml`)).toBe(
      `I could not read http://localhost:${server.port}/feed.xml: no server has that name. Check the address, or try again later.`,
    );
    expect(await refusal('http://[::1]/feed')).toMatch(/private or local address \(::1\)/);
    expect(server.requests).toHaveLength(0);
  });

  it('the cloud metadata address 169.254.169.254', async () => {
    expect(await refusal('http://169.254.169.254/latest/meta-data/')).toBe(
      'Refused http://169.254.169.254/latest/meta-data/: it points to a private or local address (169.254.169.254). I only read public web addresses.',
    );
    expect(await refusal('http://metadata.example.test/')).toMatch(/\(169\.254\.169\.254\)\. I only read/);
  });

  it('a public-looking name that resolves to a private address', async () => {
    expect(await refusal(`http://intranet.example.test:${server.port}/feed.xml`)).toBe(
      `Refused http://intranet.example.test:${server.port}/feed.xml: it points to a private or local address (10.0.0.5). I only read public web addresses.`,
    );
    expect(await refusal(`http://sneaky.example.test:${server.port}/feed.xml`)).toMatch(/\(127\.0\.0\.1\)/);
    expect(server.requests).toHaveLength(0);
  });

  it('a redirect to a private address, checked again at every hop', async () => {
    expect(await refusal(`${base}/to-loopback`)).toBe(
      `Refused ${base}/to-loopback: it redirects to http://127.0.0.1:${server.port}/feed.xml, a private or local address (127.0.0.1). I only read public web addresses.`,
    );
    expect(await refusal(`${base}/to-metadata`)).toBe(
      `Refused ${base}/to-metadata: it redirects to http://169.254.169.254/latest/meta-data/, a private or local address (169.254.169.254). I only read public web addresses.`,
    );
    expect(await refusal(`${base}/to-intranet`)).toMatch(
      /^Refused .*\/to-intranet: it redirects to http:\/\/intranet\.example\.test:\d+\/feed\.xml, a private or local address \(10\.0\.0\.5\)/,
    );
    // only the redirecting urls were asked for
    expect(server.requests.map((r) => r.path)).toEqual(['/to-loopback', '/to-metadata', '/to-intranet']);
  });

  it('a feed announced by a page, when the feed is on a private address', async () => {
    expect(await refusal(`${base}/site`)).toBe(
      `${base}/site is a web page that is not a news listing or article, and the feeds it announces did not read: ` +
        `http://sneaky.example.test:${server.port}/feed.xml: it points to a private or local address (127.0.0.1). I only read public web addresses. ` +
        "Give the address of the site's feed, or of its news page.",
    );
    expect(server.requests.map((r) => r.path)).toEqual(['/site']);
  });

  it('anything but http(s), and addresses with a user name or password', async () => {
    expect(await refusal('ftp://news.example.test/feed')).toBe(
      'Refused ftp://news.example.test/feed: only http and https addresses can be added.',
    );
    expect(await refusal('file:///etc/passwd')).toMatch(
      /^Refused file:\/\/\/etc\/passwd: only http and https/,
    );
    expect(await refusal('javascript:alert(1)')).toMatch(/only http and https/);
    expect(await refusal(`http://user:secret@news.example.test:${server.port}/feed.xml`)).toMatch(
      /leave the user name and password out/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('parseUserUrl', () => {
  it('adds https to a bare host, keeps a port, drops the fragment and angle brackets', () => {
    expect(parseUserUrl('example.org/feed').href).toBe('https://example.org/feed');
    expect(parseUserUrl('news.example.test:8080/rss').href).toBe('https://news.example.test:8080/rss');
    expect(parseUserUrl('<http://example.org/a#top>').href).toBe('http://example.org/a');
  });

  it('refuses what is not a web address', () => {
    expect(() => parseUserUrl('')).toThrow(/Give a web address/);
    expect(() => parseUserUrl('http://')).toThrow(/is not a web address/);
    expect(() => parseUserUrl(`https://example.org/${'a'.repeat(2000)}`)).toThrow(/too long/);
  });
});
