// Root ESLint flat config for every workspace project (each runs `eslint src` from its own folder;
// ESLint 9 finds this file by walking up from the working directory).
//
// - typescript-eslint `recommended` (syntax-only, no type information: fast, no tsconfig/project service).
// - Architecture boundaries via @nx/enforce-module-boundaries, driven by the `nx.tags` in each package.json.
//   The rule reads Nx's cached project graph (.nx/workspace-data), which `nx run-many -t lint` refreshes
//   before linting. A bare `eslint` run with no cached graph prints a warning and skips only that rule.
// - Domain purity: services/*/src/domain/** may not import framework / infrastructure packages.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Packages the domain layer of a service must not depend on (DESIGN: domain is framework-free). */
const domainForbiddenImports = [
  { group: ['@nestjs/*'], message: 'Domain code must not depend on NestJS; keep it in the application/infrastructure layer.' },
  { group: ['typeorm', 'typeorm/*'], message: 'Domain code must not depend on TypeORM; map entities outside src/domain.' },
  { group: ['@nats-io/*'], message: 'Domain code must not depend on NATS; publish events from the application layer.' },
  { group: ['pg', 'pg/*'], message: 'Domain code must not depend on the pg driver.' },
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.nx/**', '**/reports/**'],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { '@nx': nx },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // NestJS / TypeORM / reflect-metadata APIs are typed with `any` and `Function` (DI metatypes,
      // MixedList<Function | string | EntitySchema>, generic defaults); tsc runs in strict mode anyway.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Allow the conventional `const self = this` for callbacks that must outlive an arrow function.
      '@typescript-eslint/no-this-alias': ['error', { allowDestructuring: true, allowedNames: ['self'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:service'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: domainForbiddenImports }],
    },
  },
);
