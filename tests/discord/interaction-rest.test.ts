import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiscordAPIError, HTTPError, RateLimitError, Routes } from 'discord.js';
import { Agent } from 'undici';
import { createInteractionRest, type TokenBucket } from '../../adapters/discord/interaction-rest.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/** answers each request with the next scripted answer (then 204s), recording what it was sent */
let script: ((response: ServerResponse) => void)[] = [];
let seen: Seen[] = [];
let server: Server;
let agent: Agent;
let apiRoot: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      });
      const answer = script.shift();
      if (answer) answer(response);
      else response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  agent = new Agent({ connections: 4 });
});
afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  script = [];
  seen = [];
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
  return (response: ServerResponse) =>
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};
const rest = (maxRateLimitWaitMs = 5_000) => createInteractionRest({ agent, apiRoot, maxRateLimitWaitMs });
const callback = Routes.interactionCallback('1300000000000000001', 'token-a');

describe('Discord interaction requests', () => {
  it("sends JSON to the API's v10 routes, as discord.js would, without an Authorization header", async () => {
    await rest().send({ method: 'POST', route: callback, body: { type: 5, data: { flags: 0 } } });
    const original = Routes.webhookMessage('1200000000000000001', 'token-a', '@original');
    await rest().send({ method: 'PATCH', route: original, body: { content: 'edited' } });
    await rest().send({ method: 'DELETE', route: original });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v10/interactions/1300000000000000001/token-a/callback',
      'PATCH /api/v10/webhooks/1200000000000000001/token-a/messages/%40original',
      'DELETE /api/v10/webhooks/1200000000000000001/token-a/messages/%40original',
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ type: 5, data: { flags: 0 } });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers['user-agent']).toMatch(/^DiscordBot \(https:\/\/discord\.js\.org, [\d.]+\)/);
    expect(seen.map((r) => r.headers.authorization)).toEqual([undefined, undefined, undefined]);
    expect(seen[2]!.body).toBe('');
  });

  it('sends files as multipart: the JSON as payload_json, each file as files[n]', async () => {
    const data = new TextEncoder().encode('<opml version="2.0"/>');
    await rest().send({
      method: 'POST',
      route: callback,
      body: { type: 4, data: { attachments: [{ id: 0, filename: 'feeds.opml' }] } },
      files: [{ name: 'feeds.opml', contentType: 'text/x-opml', data }],
    });
    const [request] = seen;
    const form = await new Response(request!.body, {
      headers: { 'content-type': String(request!.headers['content-type']) },
    }).formData();
    expect(JSON.parse(String(form.get('payload_json')))).toMatchObject({ type: 4 });
    const file = form.get('files[0]') as File;
    expect(file.name).toBe('feeds.opml');
    expect(file.type).toBe('text/x-opml');
    expect(await file.text()).toBe('<opml version="2.0"/>');
  });

  it('waits out a 429 for its Retry-After, then sends again', async () => {
    const limited: { route: string; retryAfterMs: number; global: boolean }[] = [];
    script = [
      json(429, { message: 'You are being rate limited.', retry_after: 0.2 }, { 'retry-after': '0.2' }),
    ];
    const send = createInteractionRest({
      agent,
      apiRoot,
      maxRateLimitWaitMs: 5_000,
      onRateLimited: (limit) => limited.push(limit),
    });
    await send.send({ method: 'POST', route: callback, body: { type: 4, data: { content: 'hi' } } });
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(200);
    expect(limited).toEqual([{ route: callback, retryAfterMs: 250, global: false }]);
  });

  it('fails at once with a RateLimitError when Retry-After is longer than it may wait', async () => {
    script = [json(429, { retry_after: 120 }, { 'retry-after': '120' })];
    const started = performance.now();
    const sending = rest(60_000).send({ method: 'POST', route: callback, body: { type: 4 } });
    await expect(sending).rejects.toBeInstanceOf(RateLimitError);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(seen).toHaveLength(1);
  });

  it('keeps to the interaction token’s bucket: an exhausted one holds the next request until it resets', async () => {
    const webhook = Routes.webhook('1200000000000000001', 'token-a');
    const bucket: TokenBucket = { resetAt: 0 };
    script = [json(200, { id: '1' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '0.25' })];
    await rest().send(
      { method: 'POST', route: webhook, body: { content: 'one' }, query: 'wait=true' },
      bucket,
    );
    await rest().send(
      { method: 'POST', route: webhook, body: { content: 'two' }, query: 'wait=true' },
      bucket,
    );
    expect(seen.map((r) => r.url)).toEqual([
      '/api/v10/webhooks/1200000000000000001/token-a?wait=true',
      '/api/v10/webhooks/1200000000000000001/token-a?wait=true',
    ]);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(240);
  });

  it("retries a server error three times, then fails with discord.js's HTTPError", async () => {
    script = [json(502, {}), json(503, {})];
    await rest().send({ method: 'POST', route: callback, body: { type: 4 } });
    expect(seen).toHaveLength(3);
    seen = [];
    script = Array.from({ length: 4 }, () => json(500, { message: 'oops' }));
    const failing = rest().send({ method: 'POST', route: callback, body: { type: 4 } });
    await expect(failing).rejects.toBeInstanceOf(HTTPError);
    expect(seen).toHaveLength(4);
  });

  it('sends again when the connection is dropped before an answer', async () => {
    script = [(response) => response.socket?.destroy()];
    await rest().send({ method: 'POST', route: callback, body: { type: 4 } });
    expect(seen).toHaveLength(2);
  });

  it("throws Discord's refusal as a DiscordAPIError, with its code and status, without retrying", async () => {
    script = [json(404, { code: 10062, message: 'Unknown interaction' })];
    const refused = rest().send({ method: 'POST', route: callback, body: { type: 4 } });
    await expect(refused).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(refused).rejects.toMatchObject({ code: 10062, status: 404, message: 'Unknown interaction' });
    expect(seen).toHaveLength(1);
  });
});
