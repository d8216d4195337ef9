// webhook mode: a node:http server that hands Telegram's POSTs to grammY, which checks the
// X-Telegram-Bot-Api-Secret-Token header (a wrong or missing secret gets 401 and is not handled).
import { createServer, type Server } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { Logger } from '../../src/index.js';

const MAX_BODY_BYTES = 1_000_000;

export function createWebhookServer(
  bot: Bot,
  options: { path: string; secret: string; logger: Logger },
): Server {
  const handle = webhookCallback(bot, 'http', { secretToken: options.secret, timeoutMilliseconds: 10_000 });
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'POST' || path !== options.path) {
      response.writeHead(404).end();
      return;
    }
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      response.writeHead(413).end();
      return;
    }
    handle(request, response).catch((error: unknown) => {
      const bad = error instanceof SyntaxError;
      if (!bad) options.logger.error('telegram: webhook update failed', { error });
      if (!response.headersSent) response.writeHead(bad ? 400 : 500);
      response.end();
    });
  });
}
