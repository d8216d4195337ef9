// one GET on node:http/https, its connection pinned to addresses already resolved (and checked),
// with a connect timeout; resolves when the response headers arrive.
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction, TcpSocketConnectOpts } from 'node:net';
import type { ResolvedAddress } from './resolver.js';

export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

export class ConnectTimeoutError extends Error {
  override name = 'ConnectTimeoutError';
}

export function requestOnce(
  url: URL,
  options: {
    addresses: ResolvedAddress[];
    headers: OutgoingHttpHeaders;
    agents: Agents;
    connectTimeoutMs: number;
    signal: AbortSignal;
  },
): Promise<IncomingMessage> {
  const { addresses, headers, agents, connectTimeoutMs, signal } = options;
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    // the agent passes these on to the connection: happy eyeballs (autoSelectFamily) only when there is
    // a choice of address; with one it is timers and bookkeeping for nothing, and a 304 costs little else
    const options: http.RequestOptions & Pick<TcpSocketConnectOpts, 'autoSelectFamily'> = {
      method: 'GET',
      headers,
      agent: secure ? agents.https : agents.http,
      lookup: pinnedLookup(addresses),
      autoSelectFamily: addresses.length > 1,
    };
    const request = (secure ? https : http).request(url, options);
    const onAbort = () => request.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    request.once('socket', (socket) => {
      if (!socket.connecting) return; // a kept-alive connection
      const timer = setTimeout(
        () => request.destroy(new ConnectTimeoutError(`could not connect within ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      );
      const clear = () => clearTimeout(timer);
      socket.once(secure ? 'secureConnect' : 'connect', clear);
      socket.once('close', clear);
    });
    request.once('response', (response) => {
      signal.removeEventListener('abort', onAbort);
      // the body is read (and aborted) by the caller under the same signal
      resolve(response);
    });
    request.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    request.end();
  });
}

/** A dns lookup that answers with the given addresses only, so the connection goes where was checked. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
    if (options.all) {
      callback(null, usable);
      return;
    }
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error('no address of the wanted family'), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    callback(null, first.address, first.family);
  };
}
