// the terminal chat: the same commands as the bots, one reader, plain text.
import { createInterface } from 'node:readline';
import { parseCommandLine, runCommand, type Services } from '../../commands/index.js';
import { t } from '../../src/index.js';
import { renderText } from './render-text.js';

export interface ConsoleChat {
  /** resolves when the reader quits (Ctrl+D, /quit) or close() is called */
  run(): Promise<void>;
  close(): void;
}

export function createConsoleChat(options: {
  services: Services;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  timeZone: string;
  width?: number;
}): ConsoleChat {
  const { services, output } = options;
  const terminal = 'isTTY' in options.output && Boolean(options.output.isTTY);
  const rl = createInterface({ input: options.input, output, terminal, prompt: 'briefer> ' });
  const context = { chat: 'console:local', user: 'console:local', timeZone: options.timeZone };
  const say = (text: string) => output.write(`${text}\n`);

  // lines after /quit are not answered; lines before the end of piped input all are
  let quit = false;
  const answer = async (line: string) => {
    const trimmed = line.trim();
    if (!trimmed || quit) return;
    if (/^\/?(quit|exit)$/i.test(trimmed)) {
      quit = true;
      return rl.close();
    }
    // in the terminal the slash is optional: "latest 5" works like "/latest 5"
    const parsed = parseCommandLine(trimmed.startsWith('/') ? trimmed : `/${trimmed}`);
    if (!parsed) {
      const locale = services.languages.get(context.chat)?.locale ?? 'en';
      return say(renderText({ text: t(locale, 'chat.slashHint'), locale }));
    }
    const reply = await runCommand({ name: parsed.name, text: parsed.text, context }, services);
    say(renderText(reply, options.width ? { width: options.width } : {}));
  };

  return {
    run() {
      return new Promise<void>((resolve) => {
        // answer lines one at a time, in order, even when they arrive together (pasted or piped)
        let queue = Promise.resolve();
        let closed = false;
        rl.on('line', (line) => {
          queue = queue
            .then(() => answer(line))
            .then(() => {
              if (!closed) rl.prompt();
            });
        });
        // Ctrl+C in a terminal reaches readline, not the process
        rl.on('SIGINT', () => rl.close());
        rl.on('close', () => {
          closed = true;
          void queue.then(resolve);
        });
        rl.prompt();
      });
    },
    close: () => rl.close(),
  };
}
