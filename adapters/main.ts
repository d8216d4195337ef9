// the composition root and the `briefer` command line.
import { stdout } from 'node:process';
import { ConfigError, loadConfig } from '../src/index.js';
import type { CliIo } from './cli/cli-io.js';
import { digestCommand } from './cli/digest-command.js';
import { discordRegisterCommand } from './cli/discord-register-command.js';
import { parseCommand } from './cli/parse-command.js';
import { serveCommand } from './cli/serve-command.js';

const USAGE = `Usage: npm run briefer -- <command>
  (none), start    run what is configured: the bots with tokens, else the terminal chat
  console          a chat in the terminal over the configured sources
  parse <file-or-url>... [--json]
                   the articles a feed gives, one per line
  digest [--source <file-or-url>]... [--sources <sources.json>] [--topic NAME] [--limit N]
         [--tz ZONE] [--format text|telegram|discord]
                   read sources fresh and print one digest
  discord:register register the Discord slash commands now`;

// a reader who stops reading a one-shot command's output (`briefer parse … | head`) is not an error:
// the command stops quietly instead of crashing on the closed pipe
function stopWhenOutputCloses(): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}

function isArgumentError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_');
}

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  const io: CliIo = {
    out: (line) => stdout.write(`${line}\n`),
    error: (line) => process.stderr.write(`${line}\n`),
    topicsFile: config.TOPICS_FILE,
  };
  const [command = 'start', ...rest] = argv;
  switch (command) {
    case 'start':
    case 'console':
      return serveCommand(config, { console: command === 'console' || config.offline });
    case 'parse':
      stopWhenOutputCloses();
      return parseCommand(rest, io);
    case 'digest':
      stopWhenOutputCloses();
      return digestCommand(rest, io, config);
    case 'discord:register':
      return discordRegisterCommand(io, config);
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      io.error(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isArgumentError(error)) {
      // node's parseArgs: an unknown option or a missing value, a reader's typo rather than a fault
      process.stderr.write(`briefer: ${error.message.split('. ')[0]}\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
