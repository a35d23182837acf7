import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.data', '.temporal', 'prisma/generated', 'coverage', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The pages' own scripts run in the browser, Chart.js loaded before them.
    files: ['web/static/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        Chart: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URLSearchParams: 'readonly',
        Intl: 'readonly',
      },
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A forgotten await on an activity, a workflow API or a query is a bug, not a style choice.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node built-ins,
    // and activities only as types (their implementations pull in Prisma).
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflows cannot use Node built-ins.' },
            { group: ['@prisma/*', '**/prisma/*', 'pg', 'express'], message: 'Workflows do no I/O: call an activity.' },
            {
              group: ['**/activities', '**/activities/*'],
              message: 'Import activities as types only.',
              allowTypeImports: true,
            },
          ],
          paths: ['fs', 'path', 'http', 'https', 'net', 'child_process', 'crypto', 'os'],
        },
      ],
    },
  },
);
