import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        console: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // The core is pure: no HTTP framework and no Redis client in normalize, match, align or formats.
    files: ['src/normalize/**', 'src/match/**', 'src/align/**', 'src/formats/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['express', 'ioredis'], patterns: ['**/store', '**/store/**', '**/http', '**/http/**'] },
      ],
    },
  },
  {
    // HTTP is thin: it validates, calls the service and answers. It reaches Redis, the normalizer and the matcher
    // only through the service (service, errors, i18n, config and types are what it may import from src).
    files: ['src/http/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['ioredis'],
          patterns: [
            {
              // ../store, ../../match/…: the layers below the service (not ./routes/match, ../match-params).
              regex: '^(\\.\\./)+(store|normalize|match|align|formats)(/|$)',
              message: 'src/http imports the service (and errors, i18n, config, types), not the layers below it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The store knows Redis, keys and scripts: no normalizer or matcher (the index mirror is service state), no
    // use cases, no HTTP.
    files: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['express'],
          patterns: [
            {
              regex: '^(\\.\\./)+(normalize|match|align|formats|service|http)(/|$)',
              message: 'src/store imports config, errors and types only from src (DESIGN.md, "Layers").',
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases know nothing of HTTP.
    files: ['src/service/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['express'],
          patterns: [{ regex: '^(\\.\\./)+http(/|$)', message: 'src/service never imports HTTP.' }],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'jest.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
