// Root ESLint flat config for every workspace project (each runs `eslint src` from its own folder;
// ESLint 9 finds this file by walking up from the working directory).
//
// - typescript-eslint `recommended` (syntax-only, no type information: fast, no tsconfig/project service).
// - Architecture boundaries via @nx/enforce-module-boundaries, driven by the `nx.tags` in each package.json.
//   The rule reads Nx's cached project graph (.nx/workspace-data), which `nx run-many -t lint` refreshes
//   before linting. A bare `eslint` run with no cached graph prints a warning and skips only that rule.
// - Domain purity: services/*/src/domain/** imports only its own files and @ops/kernel, and the kernel
//   imports nothing at all: the rules of the business stay plain TypeScript, testable without I/O.
// - Test infrastructure (@ops/testing, tag type:testing) may be imported by spec files only.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Domain code may import its own folder and the kernel, nothing else (not the app or infra layers, not contracts). */
const domainImports = [
  {
    regex: '^(?!\\./|\\.\\./(?!app/|infra/|migrations/)|@ops/kernel$)',
    message: 'Domain code imports only its own files and @ops/kernel; contracts, frameworks and persistence belong to app/ and infra/.',
  },
];

/** The kernel depends on nothing: not even other libs. */
const kernelImports = [{ regex: '^(?!\\./)', message: 'The kernel imports nothing outside itself.' }];

const boundaries = (serviceAndLibMayUse) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', ...serviceAndLibMayUse] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', ...serviceAndLibMayUse] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
      // The host only composes: it runs services side by side in one process and is imported by nothing.
      { sourceTag: 'type:host', onlyDependOnLibsWithTags: ['type:lib', 'type:service', ...serviceAndLibMayUse] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:service', 'type:host', 'type:testing'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'layer:kernel', onlyDependOnLibsWithTags: [] },
      // The console is a frontend like any other: it knows the API from the OpenAPI document, not our code.
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: [] },
    ],
  },
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.nx/**', '**/reports/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
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
      // Services and libs use libs; only their spec files may use the test infrastructure.
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(['type:testing']) },
  },
  {
    files: ['services/*/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: domainImports }],
    },
  },
  {
    files: ['apps/console/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@ops/*'], message: 'The console uses only the public API (src/api, generated from docs/openapi.json), never the platform\'s code.' }] }],
    },
  },
  {
    files: ['libs/kernel/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: kernelImports }],
    },
  },
);
