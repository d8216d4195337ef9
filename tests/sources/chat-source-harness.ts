// what the chat-source tests share: a tripwire that lets sockets reach 127.0.0.1 only, a local
// server whose names (news.example.test, …) resolve to it, and a briefer that trusts those names.
import net, { isIP, type LookupFunction } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { runCommand, type CommandContext, type Reply } from '../../commands/index.js';
import { createStaticResolver } from '../../src/fetch/resolver.js';
import { createFixedClock, openBriefer, type Briefer, type Source } from '../../src/index.js';
import type { ChatSourcesOptions } from '../../src/sources/chat-sources.js';
import { startLocalServer, type LocalServer, type Route } from '../fetch/local-server.js';
import { NOW, REPO_ROOT } from '../support/seed-briefer.js';

/**
 * Every connection this process opens must go to 127.0.0.1: an ip literal elsewhere, or a name whose
 * lookup answers elsewhere, throws before a packet is sent. A safety net under the code's own guard.
 */
export function onlyLoopbackConnections(): void {
  const connect = net.Socket.prototype.connect;
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
    this: net.Socket,
    ...args: unknown[]
  ) {
    const first = Array.isArray(args[0]) ? (args[0][0] as unknown) : args[0];
    if (typeof first === 'object' && first !== null && 'host' in first) {
      const options = first as { host?: string; lookup?: LookupFunction };
      const host = (options.host ?? '').replace(/^\[|\]$/g, '');
      if (isIP(host) && host !== '127.0.0.1') throw new Error(`test tripwire: no connection to ${host}`);
      const lookup = options.lookup;
      if (lookup) {
        options.lookup = ((hostname: string, lookupOptions: object, callback: (...a: unknown[]) => void) =>
          lookup(
            hostname,
            lookupOptions as never,
            ((error: Error | null, address: unknown, family?: number) => {
              const addresses = Array.isArray(address)
                ? address.map((a: { address: string }) => a.address)
                : [address];
              if (!error && addresses.some((a) => a !== '127.0.0.1')) {
                callback(new Error(`test tripwire: ${hostname} is not 127.0.0.1`));
                return;
              }
              callback(error, address, family);
            }) as never,
          )) as LookupFunction;
      }
    }
    return connect.apply(this, args as never) as net.Socket;
  });
}

/** names the fetcher resolves without dns: the trusted ones reach the local server */
export const TRUSTED = ['news.example.test', 'feeds.example.test', 'other.example.test'];

export function testResolver() {
  return createStaticResolver({
    'news.example.test': '127.0.0.1',
    'feeds.example.test': '127.0.0.1',
    'other.example.test': '127.0.0.1',
    // not trusted: a public-looking name for a private address (the tripwire stops any connection)
    'intranet.example.test': '10.0.0.5',
    'sneaky.example.test': '127.0.0.1',
    'metadata.example.test': '169.254.169.254',
  });
}

export const rss = (title: string, language: string, items: { title: string; link: string }[] = []) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><language>${language}</language>` +
  items.map((item) => `<item><title>${item.title}</title><link>${item.link}</link></item>`).join('') +
  '</channel></rss>';

export const send =
  (body: string, type = 'application/rss+xml'): Route =>
  (_request, response) => {
    response.setHeader('content-type', type);
    response.end(body);
  };

export const redirect =
  (location: () => string): Route =>
  (_request, response) => {
    response.statusCode = 302;
    response.setHeader('location', location());
    response.end();
  };

export const fixture = (name: string) =>
  readFileSync(path.join(REPO_ROOT, 'tests/fixtures/pages', name), 'utf8');

export async function startNewsServer(routes: Record<string, Route>): Promise<LocalServer> {
  return startLocalServer(routes);
}

/** a briefer over one operator source (never fetched here), trusting the test names */
export async function openTestBriefer(
  server: LocalServer,
  options: Omit<ChatSourcesOptions, 'fetch'> = {},
): Promise<Briefer> {
  const operator: Source = {
    id: 'kabul-desk',
    name: 'Kabul Desk',
    url: new URL(`http://news.example.test:${server.port}/operator.xml`),
    language: 'en',
    kind: 'feed',
  };
  return openBriefer({
    storeUrl: 'memory://',
    sources: [operator],
    retentionDays: 30,
    timeZone: 'Asia/Kabul',
    clock: createFixedClock(NOW),
    chatSources: {
      ...options,
      fetch: { resolver: testResolver(), trustedHosts: TRUSTED, hostGapMs: 0, connectTimeoutMs: 2_000 },
    },
  });
}

export const chatA: CommandContext = { chat: 'telegram:-100', user: 'telegram:1', timeZone: 'Asia/Kabul' };
export const chatB: CommandContext = { chat: 'discord:200', user: 'discord:2', timeZone: 'Asia/Kabul' };

/** runs "/name words…" in a chat, as a typed command */
export function asker(briefer: Briefer) {
  return (
    line: string,
    context: CommandContext = chatA,
    options?: Record<string, unknown>,
  ): Promise<Reply> => {
    const [name = '', ...rest] = line.replace(/^\//, '').split(' ');
    return runCommand(
      options ? { name, options, context } : { name, text: rest.join(' '), context },
      briefer,
    );
  };
}
