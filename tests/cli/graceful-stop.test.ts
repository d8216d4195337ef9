import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/seed-briefer.js';
import { BRIEFER_MAIN } from '../support/briefer-bundle.js';

describe('stopping', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s the app closes the store and exits within 10 seconds',
    async (signal) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'briefer-stop-'));
      const child = spawn(process.execPath, [BRIEFER_MAIN], {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`,
          LOG_LEVEL: 'debug',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await waitFor(() => stdout.includes('briefer>'), 20_000);
      const sentAt = Date.now();
      child.kill(signal);
      const code = await exited;
      expect(Date.now() - sentAt).toBeLessThan(10_000);
      expect(code).toBe(0);
      expect(stderr).toContain(`stopping reason=${signal}`);
    },
    40_000,
  );
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the app to start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
