// the fake Discord's REST API (v10): the routes discord.js uses to log in, register commands and answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { autocompleteProblems, commandProblems, messageProblems } from './checks.js';
import { makeMessage, snowflake, type FakeMessage } from './payloads.js';
import type { Conversation, FakeState, RecordedRequest } from './state.js';

type Body = Record<string, unknown>;
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  body,
  headers,
});
const error = (status: number, code: number, message: string) => json(status, { code, message });
const NO_CONTENT: Answer = { status: 204 };

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send(response: ServerResponse, answer: Answer): void {
  if (answer.status === 204 || answer.body === undefined) {
    // no content type on an empty answer: discord.js would try to parse it as JSON
    response.writeHead(answer.status, answer.headers ?? {});
    response.end();
    return;
  }
  response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  response.end(JSON.stringify(answer.body));
}

export function createRestHandler(state: FakeState, gatewayUrl: () => string) {
  const authorized = (request: RecordedRequest) => request.headers.authorization === `Bot ${state.token}`;

  /** refuses a body that breaks a limit: recorded as a problem, answered as Discord would (400) */
  const refuse = (where: string, problems: string[] | (() => string[])): Answer | undefined => {
    const check = typeof problems === 'function' ? problems : () => problems;
    const record = (found: string[]) => state.problems.push(...found.map((p) => `${where}: ${p}`));
    if (state.deferredChecks) {
      // a bench keeps the checks out of the timed path: they run when asked, and only record
      state.deferredChecks.push(() => record(check()));
      return undefined;
    }
    const found = check();
    if (found.length === 0) return undefined;
    record(found);
    return json(400, { code: 50035, message: 'Invalid Form Body', errors: found });
  };

  const registerCommands = (body: unknown, store: (list: unknown[]) => void): Answer => {
    const refused = refuse('PUT commands', commandProblems(body));
    if (refused) return refused;
    const list = (body as Body[]).map((command) => ({
      id: snowflake(),
      application_id: state.applicationId,
      version: snowflake(),
      default_member_permissions: null,
      ...command,
    }));
    store(list);
    return json(200, list);
  };

  const callback = (conversation: Conversation, body: Body, query: Record<string, string>): Answer => {
    if (conversation.callbacks.length > 0)
      return error(400, 40060, 'Interaction has already been acknowledged.');
    const type = body.type as number;
    const data = body.data as Body | undefined;
    if (type === 4 || type === 7) {
      const refused = refuse(`callback ${type}`, () => messageProblems(data ?? {}));
      if (refused) return refused;
      conversation.original = store(makeMessage(data ?? {}, conversation, state.bot));
    } else if (type === 8) {
      const refused = refuse('autocomplete', () => autocompleteProblems(data));
      if (refused) return refused;
    } else if (type === 5) {
      conversation.original = store(makeMessage({ flags: data?.flags ?? 0 }, conversation, state.bot, 128));
    } else if (type !== 6) {
      return error(400, 50035, `Unknown interaction callback type ${type}`);
    }
    conversation.callbacks.push({ type, ...(data ? { data } : {}) });
    if (query.with_response === 'true') {
      return json(200, { interaction: { id: conversation.interactionId, type: 2 }, resource: { type } });
    }
    return NO_CONTENT;
  };

  const store = (message: FakeMessage) => {
    state.messages.set(message.id, message);
    return message;
  };

  const webhook = (
    conversation: Conversation,
    method: string,
    messageId: string | undefined,
    body: Body,
    query: Record<string, string>,
  ): Answer => {
    if (conversation.callbacks.length === 0) return error(404, 10015, 'Unknown Webhook');
    if (messageId === undefined) {
      if (method !== 'POST') return error(405, 0, '405: Method Not Allowed');
      const refused = refuse('follow-up', () => messageProblems(body));
      if (refused) return refused;
      const message = store(makeMessage(body, conversation, state.bot));
      conversation.followUps.push(message);
      return query.wait === 'false' ? NO_CONTENT : json(200, message);
    }
    const target =
      messageId === '@original'
        ? conversation.originalDeleted
          ? undefined
          : conversation.original
        : conversation.followUps.find((m) => m.id === messageId);
    if (!target) return error(404, 10008, 'Unknown Message');
    if (method === 'GET') return json(200, target);
    if (method === 'DELETE') {
      if (messageId === '@original') conversation.originalDeleted = true;
      else conversation.followUps = conversation.followUps.filter((m) => m !== target);
      state.messages.delete(target.id);
      return NO_CONTENT;
    }
    if (method !== 'PATCH') return error(405, 0, '405: Method Not Allowed');
    const refused = refuse('edit', () => messageProblems(body));
    if (refused) return refused;
    const edited = { ...makeMessage(body, conversation, state.bot, target.flags & ~128), id: target.id };
    edited.edited_timestamp = new Date().toISOString();
    if (messageId === '@original') conversation.original = edited;
    else conversation.followUps = conversation.followUps.map((m) => (m === target ? edited : m));
    state.messages.set(edited.id, edited);
    return json(200, edited);
  };

  function route(request: RecordedRequest): Answer {
    const { method, path, body, query } = request;
    const parts = path.split('/').filter(Boolean);
    const [head, a, b, c, d] = parts;
    // no Authorization on interaction callbacks and interaction webhooks: the token in the path is the key
    if (head === 'interactions' && c === 'callback' && parts.length === 4 && method === 'POST') {
      const conversation = state.conversations.get(b!);
      if (!conversation || conversation.interactionId !== a) return error(404, 10062, 'Unknown interaction');
      return callback(conversation, (body ?? {}) as Body, query);
    }
    if (head === 'webhooks' && a === state.applicationId && b !== undefined) {
      const conversation = state.conversations.get(b);
      if (!conversation) return error(404, 10015, 'Unknown Webhook');
      if (parts.length === 3) return webhook(conversation, method, undefined, (body ?? {}) as Body, query);
      if (c === 'messages' && d !== undefined && parts.length === 5)
        return webhook(conversation, method, d, (body ?? {}) as Body, query);
    }
    if (!authorized(request)) return error(401, 0, '401: Unauthorized');
    if (method === 'GET' && path === '/gateway/bot') {
      return json(200, {
        url: gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/applications/@me') {
      return json(200, { id: state.applicationId, name: 'briefer', bot: state.bot, flags: 0 });
    }
    if (head === 'applications' && a === state.applicationId) {
      if (b === 'commands' && parts.length === 3) {
        if (method === 'GET') return json(200, state.commands.global);
        if (method === 'PUT') return registerCommands(body, (list) => (state.commands.global = list));
      }
      if (b === 'guilds' && d === 'commands' && parts.length === 5) {
        if (!state.guilds.some((guild) => guild.id === c)) return error(403, 50001, 'Missing Access');
        if (method === 'GET') return json(200, state.commands.guilds.get(c!) ?? []);
        if (method === 'PUT') return registerCommands(body, (list) => state.commands.guilds.set(c!, list));
      }
    }
    if (head === 'channels' && b === 'messages' && parts.length === 3 && method === 'POST') {
      const channel = state.channels.get(a!);
      if (!channel) return error(404, 10003, 'Unknown Channel');
      if (state.forbidden.has(a!)) return error(403, 50013, 'Missing Permissions');
      const refused = refuse('channel message', () => messageProblems((body ?? {}) as Body));
      if (refused) return refused;
      return json(
        200,
        store(makeMessage((body ?? {}) as Body, { channelId: a!, guildId: channel.guildId }, state.bot)),
      );
    }
    return error(404, 0, '404: Not Found');
  }

  const injected = (request: RecordedRequest): Answer | undefined => {
    const failure = state.failures.find(
      (f) =>
        f.times > 0 && (f.method === undefined || f.method === request.method) && f.path.test(request.path),
    );
    if (!failure) return undefined;
    failure.times -= 1;
    const headers: Record<string, string> = {};
    let body = failure.body;
    if (failure.status === 429) {
      const after = failure.retryAfterSec ?? 1;
      headers['retry-after'] = String(after);
      headers['x-ratelimit-scope'] = failure.global ? 'global' : 'user';
      if (failure.global) headers['x-ratelimit-global'] = 'true';
      body ??= {
        message: 'You are being rate limited.',
        retry_after: after,
        global: failure.global ?? false,
      };
    }
    return {
      status: failure.status,
      body: body ?? { code: 0, message: `injected ${failure.status}` },
      headers,
    };
  };

  return async (request: IncomingMessage, response: ServerResponse) => {
    const at = performance.now();
    const url = new URL(request.url ?? '/', 'http://fake');
    const prefix = '/api/v10';
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(
        url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname,
      ),
      rawUrl: request.url ?? '/',
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: await readBody(request),
      status: 0,
      at,
    };
    let answer: Answer;
    try {
      answer = url.pathname.startsWith(prefix)
        ? (injected(recorded) ?? route(recorded))
        : error(404, 0, '404: Not Found');
    } catch (failure) {
      state.problems.push(`fake failed on ${recorded.method} ${recorded.path}: ${String(failure)}`);
      answer = error(500, 0, '500: Internal Server Error');
    }
    recorded.status = answer.status;
    state.requests.push(recorded);
    send(response, answer);
    for (const listener of state.listeners) listener(recorded);
  };
}
