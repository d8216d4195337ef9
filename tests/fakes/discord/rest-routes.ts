// the fake Discord's REST API (v10): the routes discord.js uses to log in, register commands and answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { autocompleteProblems, commandProblems, messageProblems, uploadProblems } from './checks.js';
import { makeMessage, snowflake, type FakeAttachment, type FakeMessage } from './payloads.js';
import type { Conversation, FakeState, RecordedRequest, UploadedFile } from './state.js';

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

const parsed = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** a JSON body, or a multipart one: its payload_json as the body and its file parts as files */
async function readBody(request: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return { body: parsed(bytes.toString('utf8')), files: [] };
  // the platform's own multipart parser (undici's, behind Response)
  const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  const files: UploadedFile[] = [];
  let body: unknown;
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = parsed(value);
      else files.push({ field, filename: '', contentType: 'text/plain', data: Buffer.from(value) });
      continue;
    }
    files.push({
      field,
      filename: value.name,
      contentType: value.type,
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { body, files };
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

/** GET /attachments/<channel>/<id>/<name>: a file, as Discord's CDN serves it (no Authorization) */
function serveAttachment(state: FakeState, path: string, response: ServerResponse): number {
  const [, , id] = path.split('/').filter(Boolean);
  const stored = id === undefined ? undefined : state.attachments.get(id);
  if (!stored) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    return 404;
  }
  const type = stored.attachment.content_type ?? 'application/octet-stream';
  // a large file is written as the reader reads it; one that stops reading just closes the connection
  response.on('error', () => undefined);
  if (!stored.streamed) {
    response.writeHead(200, { 'content-type': type, 'content-length': stored.data.length });
    response.end(stored.data);
    return 200;
  }
  response.writeHead(200, { 'content-type': type });
  const CHUNK = 64 * 1024;
  let at = 0;
  const more = () => {
    while (at < stored.data.length && !response.destroyed) {
      const ok = response.write(stored.data.subarray(at, at + CHUNK));
      at += CHUNK;
      if (!ok) return void response.once('drain', more);
    }
    if (!response.destroyed) response.end();
  };
  more();
  return 200;
}

export function createRestHandler(state: FakeState, gatewayUrl: () => string, cdnOrigin: () => string) {
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

  /** the uploaded files as the message's attachments, each then served at its url */
  const attach = (files: UploadedFile[], channelId: string): FakeAttachment[] =>
    files.map((file) => {
      const id = snowflake();
      const url = `${cdnOrigin()}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
      const attachment = {
        id,
        filename: file.filename,
        size: file.data.length,
        url,
        proxy_url: url,
        content_type: file.contentType,
      };
      state.attachments.set(id, { attachment, data: file.data });
      return attachment;
    });

  /** a message body's problems, and its files' when it came as multipart */
  const bodyProblems = (body: Body, files: UploadedFile[]) => [
    ...messageProblems(body),
    ...(files.length > 0 ? uploadProblems(body, files) : []),
  ];

  const callback = (
    conversation: Conversation,
    body: Body,
    query: Record<string, string>,
    files: UploadedFile[],
  ): Answer => {
    if (conversation.callbacks.length > 0)
      return error(400, 40060, 'Interaction has already been acknowledged.');
    const type = body.type as number;
    const data = body.data as Body | undefined;
    if (files.length > 0 && type !== 4 && type !== 7) {
      const refused = refuse(`callback ${type}`, [`files sent with a callback of type ${type}`]);
      if (refused) return refused;
    }
    if (type === 4 || type === 7) {
      const refused = refuse(`callback ${type}`, () => bodyProblems(data ?? {}, files));
      if (refused) return refused;
      conversation.original = store(
        makeMessage(data ?? {}, conversation, state.bot, 0, attach(files, conversation.channelId)),
      );
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
    files: UploadedFile[],
  ): Answer => {
    if (conversation.callbacks.length === 0) return error(404, 10015, 'Unknown Webhook');
    if (messageId === undefined) {
      if (method !== 'POST') return error(405, 0, '405: Method Not Allowed');
      const refused = refuse('follow-up', () => bodyProblems(body, files));
      if (refused) return refused;
      const message = store(
        makeMessage(body, conversation, state.bot, 0, attach(files, conversation.channelId)),
      );
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
    const refused = refuse('edit', () => bodyProblems(body, files));
    if (refused) return refused;
    // new uploads join the message; without any, it keeps what it had
    const attachments = files.length > 0 ? attach(files, conversation.channelId) : target.attachments;
    const edited = {
      ...makeMessage(body, conversation, state.bot, target.flags & ~128, attachments),
      id: target.id,
    };
    edited.edited_timestamp = new Date().toISOString();
    if (messageId === '@original') conversation.original = edited;
    else conversation.followUps = conversation.followUps.map((m) => (m === target ? edited : m));
    state.messages.set(edited.id, edited);
    return json(200, edited);
  };

  function route(request: RecordedRequest): Answer {
    const { method, path, body, query, files } = request;
    const parts = path.split('/').filter(Boolean);
    const [head, a, b, c, d] = parts;
    // no Authorization on interaction callbacks and interaction webhooks: the token in the path is the key
    if (head === 'interactions' && c === 'callback' && parts.length === 4 && method === 'POST') {
      const conversation = state.conversations.get(b!);
      if (!conversation || conversation.interactionId !== a) return error(404, 10062, 'Unknown interaction');
      return callback(conversation, (body ?? {}) as Body, query, files);
    }
    if (head === 'webhooks' && a === state.applicationId && b !== undefined) {
      const conversation = state.conversations.get(b);
      if (!conversation) return error(404, 10015, 'Unknown Webhook');
      if (parts.length === 3)
        return webhook(conversation, method, undefined, (body ?? {}) as Body, query, files);
      if (c === 'messages' && d !== undefined && parts.length === 5)
        return webhook(conversation, method, d, (body ?? {}) as Body, query, files);
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
      const refused = refuse('channel message', () => bodyProblems((body ?? {}) as Body, files));
      if (refused) return refused;
      const where = { channelId: a!, guildId: channel.guildId };
      return json(200, store(makeMessage((body ?? {}) as Body, where, state.bot, 0, attach(files, a!))));
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
    if (request.method === 'GET' && url.pathname.startsWith('/attachments/')) {
      const status = serveAttachment(state, url.pathname, response);
      const path = decodeURIComponent(url.pathname);
      const download = {
        method: 'GET',
        path,
        rawUrl: request.url ?? '/',
        query: {},
        headers: request.headers,
      };
      state.requests.push({ ...download, body: undefined, files: [], status, at });
      return;
    }
    let content: Awaited<ReturnType<typeof readBody>>;
    try {
      content = await readBody(request);
    } catch (failure) {
      state.problems.push(
        `fake could not read the body of ${request.method} ${url.pathname}: ${String(failure)}`,
      );
      content = { body: undefined, files: [] };
    }
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(
        url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname,
      ),
      rawUrl: request.url ?? '/',
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: content.body,
      files: content.files,
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
