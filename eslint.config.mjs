import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '**/dist/', 'node_modules/', 'coverage/', '.data/', 'src/generated/', 'test/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  // Front doors: a feature (a folder under src/) is used through its index.ts only. The
  // pattern for each depth names "another folder's inner module" as seen from that depth;
  // imports within a feature (./x, ../x from a sub-folder) stay free.
  ...frontDoorRules(),
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', globalThis: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

/** One block per nesting depth under src/: from src/<f>/x.ts, `../<g>/y` crosses g's door; from src/<f>/<s>/x.ts, `../../<g>/y`; and so on. */
function frontDoorRules() {
  const message = "Import another feature through its front door (its index.ts), e.g. '../segments', never its inner modules.";
  return [
    ['src/*.ts', '^\\./[^./][^/]*/.+'],
    ['src/*/*.ts', '^\\.\\./[^./][^/]*/.+'],
    ['src/*/*/*.ts', '^(\\.\\./){2}[^./][^/]*/.+'],
    ['src/*/*/*/*.ts', '^(\\.\\./){3}[^./][^/]*/.+'],
  ].map(([glob, regex]) => ({
    files: [glob],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message }] }] },
  }));
}
