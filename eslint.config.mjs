import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.bench/**', '.artifacts/**', '*.js', '*.mjs', 'apps/reviewer-web/src/gql/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // The reviewer web app: React's rules of hooks.
  { files: ['apps/reviewer-web/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
);
