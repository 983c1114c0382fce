import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { layerRules } from './eslint.layers.js';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/results/**',
      'bench/.build/**',
      'examples/.build*/**',
      'test/.doc-examples/**',
      // Broken on purpose; linted by test/architecture/ alone.
      'test/fixtures/architecture/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Plain Node scripts npm runs (prepare), Passenger's startup files, the deploy test's helpers.
    files: ['scripts/**/*.js', 'examples/*/passenger.cjs', 'deploy/**/*.js', 'deploy/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  // The direction of values (docs/architecture.md): one block per layer of src/.
  ...layerRules(),
  // Zero import cycles: a value import chain never comes back to where it started (type-only
  // imports are not followed). The fixture proves the rule fires (test/architecture/).
  {
    files: ['src/**/*.ts', 'test/fixtures/architecture/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js'],
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
      ],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
);
