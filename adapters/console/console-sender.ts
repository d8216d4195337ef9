// the terminal chat's briefing sender: a briefing due for "console:…" is printed where the chat is.
import type { BriefingSender } from '../../src/index.js';
import { renderText } from './render-text.js';

export function createConsoleSender(options: {
  output: NodeJS.WritableStream;
  width?: number;
}): BriefingSender & { readonly sent: number } {
  let sent = 0;
  return {
    get sent() {
      return sent;
    },
    async send(target, message) {
      if (!target.startsWith('console:')) {
        return { ok: false, reason: 'inactive', detail: `${target} is not a terminal chat` };
      }
      const text = renderText(message, options.width ? { width: options.width } : {});
      // a briefing arrives between prompts: set it apart from what the reader is typing
      const written = options.output.write(`\n${text}\n`);
      if (!written) await new Promise((resolve) => options.output.once('drain', resolve));
      sent++;
      return { ok: true, messageIds: [`console-${sent}`] };
    },
  };
}
