// a real http server on 127.0.0.1 for the fetcher's tests: routes by path, records every request
// and counts how many are in flight at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse, server: LocalServer) => void;

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

export interface LocalServer {
  base: string;
  port: number;
  url(path: string): URL;
  requests: RecordedRequest[];
  /** most requests in flight at once, since the last reset */
  peak: number;
  /** tcp connections accepted */
  connections: number;
  /** responses closed before they finished (the client hung up) */
  aborted: string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startLocalServer(routes: Record<string, Route>): Promise<LocalServer> {
  let active = 0;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    local.requests.push({ path, headers: request.headers, at: performance.now() });
    active++;
    local.peak = Math.max(local.peak, active);
    response.on('close', () => {
      active--;
      if (!response.writableFinished) local.aborted.push(path);
    });
    const route = routes[path];
    if (route) route(request, response, local);
    else {
      response.statusCode = 404;
      response.end('not here');
    }
  });
  server.on('connection', () => local.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const local: LocalServer = {
    base: `http://127.0.0.1:${port}`,
    port,
    url: (path) => new URL(path, `http://127.0.0.1:${port}`),
    requests: [],
    peak: 0,
    connections: 0,
    aborted: [],
    reset() {
      local.requests = [];
      local.peak = 0;
      local.connections = 0;
      local.aborted = [];
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return local;
}

export const SMALL_FEED =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><item><title>Kabul local item</title><link>https://example.org/a</link></item></channel></rss>';
