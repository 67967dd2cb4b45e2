// Type-aware lint for the whole monorepo (style.md rules 6, 7, 10, 14, 16, 21, 26).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['node:*', 'kafkajs', 'ioredis', 'redis', 'prom-client', 'avsc', 'pino',
  '@driftline/kafka', '@driftline/redis-state', '@driftline/metrics', '@driftline/privacy',
  '@driftline/service-kit'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.stack/**', '**/*.mjs', '**/*.cjs', '**/.venv/**', '**/bin/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'Use explicit named re-exports (style rule 6).' },
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object (style rule 14).' }],
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@driftline/*/src/*', '../../libs/*', '../../../libs/*', '../../services/*'], message: 'Import a workspace by its package name only (style rule 7).' },
      ] }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/parameter-properties': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // Pure code: no I/O (style rule 26).
    files: ['libs/stats/src/**', 'libs/detectors/src/**', 'services/*/src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ioModules, message: 'Pure code must not import I/O (style rule 26).' }] }],
      'no-restricted-globals': ['error', 'Date', 'setTimeout', 'setInterval', 'process', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Randomness is an input (style rule 27).' }],
    },
  },
  {
    files: ['**/test/**', 'test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
