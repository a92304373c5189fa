import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** One lint config for api, web, graph-schema, seed, tests, bench and neo4j (Prettier formats). */
export default ts.config(
  {
    ignores: ['node_modules', 'data', 'dist', 'web/dist', 'neo4j/target', 'test-results', '.venv'],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Our Maps and Sets are built and dropped inside one function, or live in `$state.raw`
      // and are replaced whole; SvelteMap would track every operation for nothing.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
);
