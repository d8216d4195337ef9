// the parse worker's entry: runs one task at a time for parse-pool.ts. says "ready" once its
// modules are loaded, so the pool's time limit never counts the start-up.
import { parentPort } from 'node:worker_threads';
import { runParseTask, type ParseTask } from './parse-tasks.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread of parse-pool.ts');

port.on('message', (message: { id: number; task: ParseTask }) => {
  runParseTask(message.task).then(
    (value) => port.postMessage({ id: message.id, ok: true, value }),
    (error: unknown) => {
      const { name, message: text } =
        error instanceof Error ? error : { name: 'Error', message: String(error) };
      port.postMessage({ id: message.id, ok: false, error: { name, message: text } });
    },
  );
});
port.postMessage({ ready: true });
