import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SEED_TITLES } from '../support/seed-briefer.js';
import { BRIEFER_MAIN } from '../support/briefer-bundle.js';

const run = promisify(execFile);
const SEED_FEED = path.join(REPO_ROOT, 'examples/offline/ariana-news.xml');

/** Runs `briefer <args>` as a reader would, with a clean environment. */
async function briefer(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BRIEFER_MAIN, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', STORE_URL: 'memory://', ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('briefer parse', () => {
  it('prints one JSON object per article, in feed order, and the skipped count on stderr', async () => {
    const { code, stdout, stderr } = await briefer(['parse', SEED_FEED, '--json']);
    expect(code).toBe(0);
    const articles = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(articles.map((a) => a.title)).toEqual(Object.values(SEED_TITLES));
    expect(articles[0]).toMatchObject({
      sourceId: 'ariana-news',
      publishedAt: '2025-09-24T09:42:00.000Z',
      url: expect.stringMatching(/^https:\/\/www\.ariananews\.af\//),
      language: expect.stringMatching(/^en/),
      topics: expect.arrayContaining(['afghanistan', 'iran']),
    });
    expect(Object.keys(articles[0]!)).toEqual(
      expect.arrayContaining([
        'id',
        'title',
        'url',
        'publishedAt',
        'sourceId',
        'summary',
        'language',
        'topics',
      ]),
    );
    expect(stderr).toMatch(/4 articles, 0 skipped/);
  });

  it('reads several inputs and reports a broken one on stderr with a non-zero exit', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'briefer-cli-'));
    const broken = path.join(dir, 'broken.xml');
    await writeFile(broken, '<rss><channel><item><title>cut off');
    const { code, stdout, stderr } = await briefer(['parse', SEED_FEED, broken, '--json']);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(4);
    expect(stderr).toMatch(/broken\.xml: .+/);
  });
});

describe('briefer digest', () => {
  it('prints a plain-text digest of the offline sources by default', async () => {
    const { code, stdout } = await briefer(['digest', '--limit', '2']);
    expect(code).toBe(0);
    expect(stdout).toContain(SEED_TITLES.bagram);
    expect(stdout).toContain(SEED_TITLES.csto);
    expect(stdout).not.toContain(SEED_TITLES.border);
  });

  it('prints Telegram sendMessage bodies for a topic', async () => {
    const { code, stdout } = await briefer([
      'digest',
      '--source',
      SEED_FEED,
      '--topic',
      'iran',
      '--format',
      'telegram',
    ]);
    expect(code).toBe(0);
    const messages = JSON.parse(stdout) as { text: string; parse_mode: string }[];
    expect(messages[0]?.parse_mode).toBe('HTML');
    const text = messages.map((m) => m.text).join('\n');
    expect(text).toContain('Bagram');
    expect(text).not.toContain('CSTO');
  });

  it('prints Discord message bodies that never ping', async () => {
    const { code, stdout } = await briefer(['digest', '--format', 'discord', '--tz', 'Europe/Berlin']);
    expect(code).toBe(0);
    const messages = JSON.parse(stdout) as { embeds: unknown[]; allowed_mentions: unknown }[];
    expect(messages[0]?.embeds.length).toBe(4);
    expect(messages[0]?.allowed_mentions).toEqual({ parse: [] });
  });

  it('fails with a clear message for a bad zone, format or limit', async () => {
    expect((await briefer(['digest', '--tz', 'Mars/Olympus'])).stderr).toMatch(
      /--tz "Mars\/Olympus" is not an IANA time zone/,
    );
    expect((await briefer(['digest', '--format', 'pdf'])).stderr).toMatch(
      /--format must be one of text, telegram, discord/,
    );
    const limit = await briefer(['digest', '--limit', '99']);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toMatch(/^briefer digest: --limit must be a whole number from 1 to 25, not "99"$/m);
    expect((await briefer(['digest', '--limit', '2.5'])).stderr).toMatch(/--limit must be a whole number/);
  });
});

describe('the command line and its reader', () => {
  it('answers a mistyped option with one line and the usage, not a stack trace', async () => {
    const { code, stderr } = await briefer(['digest', '--limt', '5']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^briefer: Unknown option '--limt'$/m);
    expect(stderr).toMatch(/Usage: npm run briefer/);
    expect(stderr).not.toMatch(/\bat \w+ \(/);
  });

  it('stops quietly when the reader closes the output early (| head)', async () => {
    const child = spawn(process.execPath, [BRIEFER_MAIN, 'parse', SEED_FEED, SEED_FEED, '--json'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', STORE_URL: 'memory://' },
    });
    child.stdout.destroy(); // the reader is gone before the first line is written
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});

describe('configuration errors', () => {
  it('stop the start with one line naming the variable', async () => {
    const { code, stderr } = await briefer(['digest'], { RETENTION_DAYS: 'forever' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'RETENTION_DAYS "forever" must be a whole number; for example RETENTION_DAYS=30',
    );
  });
});
