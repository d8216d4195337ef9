// the parse benchmark's steadier twin: instructions per parse, counted by valgrind's callgrind, for
// ours, rss-parser and feedsmith alone on the same generated feed. the host's slow and fast spells
// change wall-clock times by half, instruction counts less (up to 15% between runs: v8 times its gc by
// the clock); the counts leave out what instructions do not show (cache misses, memory traffic), so
// they complement the timed ratio, not replace it.
// takes about 12 minutes; not part of `npm run bench`. run: npx tsx bench/parse-instructions.ts
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENDERS = ['ours', 'rss-parser', 'feedsmith'] as const;
// after the check parse, the first 3 runs (jit still compiling) and 3 more: the difference is 3
// parses in steady state (by --trace-opt, our code is optimised by the 6th parse)
const SHORT = 3;
const LONG = 6;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bench = path.join(root, 'bench', 'parse-throughput.ts');

/** Instructions of a whole process that parses `runs` times after its check parse. */
function count(contender: string, runs: number): Promise<number> {
  // --single-threaded: gc and compiling run on the main thread, so callgrind counts them too
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded'];
  const child = spawn('valgrind', [...args, '--import', 'tsx', bench, '--serve', contender], {
    cwd: root,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  child.stdin.end('run\n'.repeat(runs));
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const collected = /Collected : (\d+)/.exec(log);
      if (code === 0 && collected) resolve(Number(collected[1]));
      else reject(new Error(`callgrind on ${contender} failed (exit ${code}): ${log.slice(-500)}`));
    });
  });
}

async function main(): Promise<void> {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('valgrind is not installed (Debian package valgrind): nothing counted');
    return;
  }
  const perParse = new Map<string, number>();
  // two processes at a time, one per core
  for (const contender of CONTENDERS) {
    const [short, long] = await Promise.all([count(contender, SHORT), count(contender, LONG)]);
    perParse.set(contender, (long - short) / (LONG - SHORT));
  }
  const giga = (n: number) => `${(n / 1e9).toFixed(2)} G`;
  const ours = perParse.get('ours') as number;
  const theirs = perParse.get('rss-parser') as number;
  const feedsmith = perParse.get('feedsmith') as number;
  console.log(
    `instructions per parse of the 5,000-item feed in steady state (callgrind, parses ${SHORT + 2}–${LONG + 1} of a process):`,
  );
  console.log(
    `ours ${giga(ours)}, rss-parser ${giga(theirs)}: ratio ours / rss-parser ${(theirs / ours).toFixed(2)}×`,
  );
  console.log(
    `feedsmith alone (the reader of feeds scanRss leaves to it, nothing normalised) ${giga(feedsmith)}`,
  );
}

await main();
