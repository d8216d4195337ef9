// lint enforces the rings of docs/architecture.md: imports point inward only,
// and process.env has one reader (src/config.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SDKS = ['discord.js', '@discordjs/*', 'grammy', '@grammyjs/*'];
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'reports/', 'coverage/', 'dist/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      // removing control characters from untrusted text is deliberate
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      ...forbid(
        ['**/commands/**', '**/adapters/**', ...SDKS],
        'src/ is the core: it never imports commands/, adapters/ or a platform SDK.',
      ),
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Only src/config.ts reads process.env; take config as a value.',
        },
        { object: 'Date', property: 'now', message: 'Take a Clock (src/clock.ts) so tests control time.' },
      ],
    },
  },
  {
    files: ['src/config.ts', 'src/clock.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['commands/**/*.ts'],
    rules: {
      ...forbid(['**/adapters/**', ...SDKS], 'commands/ never import adapters/ or a platform SDK.'),
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads process.env.' },
      ],
    },
  },
  ...[
    ['telegram', ['discord.js', '@discordjs/*']],
    ['discord', ['grammy', '@grammyjs/*']],
    ['console', SDKS],
  ].map(([name, sdks]) => ({
    files: [`adapters/${name}/**/*.ts`],
    rules: {
      ...forbid(
        [
          ...['telegram', 'discord', 'console', 'cli']
            .filter((other) => other !== name)
            .map((other) => `../${other}/**`),
          ...sdks,
        ],
        'One adapter never imports another or another platform SDK; only the composition root (adapters/main.ts and its command line, adapters/cli/) composes them.',
      ),
    },
  })),
  {
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads process.env.' },
      ],
    },
  },
);
