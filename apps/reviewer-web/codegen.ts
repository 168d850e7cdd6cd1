import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for every operation from the root schema.graphql. The generated src/gql/ is committed;
 * `npm run codegen:check` (part of npm test) fails when an operation no longer matches the
 * schema or the committed types are stale.
 */
const config: CodegenConfig = {
  // Paths from the repository's root, where the npm scripts run.
  schema: 'schema.graphql',
  documents: ['apps/reviewer-web/src/**/*.{ts,tsx}', '!apps/reviewer-web/src/gql/**', '!apps/reviewer-web/src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: false,
  generates: {
    'apps/reviewer-web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { ID: 'string', DateTime: 'string', JSON: 'unknown' },
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};

export default config;
