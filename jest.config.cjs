// One jest run covers every project; each project can also be run alone (`nx test <project>`).
// NestJS 12 ships ESM only, so jest runs in CommonJS mode and swc transforms both our TypeScript and
// the ESM packages below. Jest's native ESM mode needs Node 24.9+ to load CommonJS packages that
// require ESM ones (fastify's inject via cookie 2, for one), so CommonJS mode is the one that works everywhere.
const path = require('node:path');

const esmPackages = ['glob', 'minimatch', 'path-scurry', 'lru-cache', 'minipass', 'jackspeak', '@isaacs', 'package-json-from-dist', 'content-disposition', '@nestjs', 'cookie', 'uuid', '@nats-io', 'file-type', 'strtok3', 'token-types', 'peek-readable', 'uint8array-extras', '@tokenizer'];
const swcOptions = (syntax) => ({
  jsc: {
    parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

const workspacePackages = {
  kernel: 'libs/kernel',
  contracts: 'libs/contracts',
  messaging: 'libs/messaging',
  persistence: 'libs/persistence',
  observability: 'libs/observability',
  testing: 'libs/testing',
  auth: 'libs/auth',
  'service-kit': 'libs/service-kit',
  gateway: 'services/gateway',
  sales: 'services/sales',
  finance: 'services/finance',
  inventory: 'services/inventory',
  security: 'services/security',
  host: 'services/host',
};
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };
for (const [name, dir] of Object.entries(workspacePackages)) {
  moduleNameMapper[`^@ops/${name}$`] = path.join(__dirname, dir, 'src/index.ts');
  moduleNameMapper[`^@ops/${name}/(.*)$`] = path.join(__dirname, dir, 'src/$1');
}

const project = (name, dir, extra = {}) => ({
  displayName: name,
  rootDir: path.join(__dirname, dir),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions('typescript')],
    '^.+\\.m?js$': ['@swc/jest', swcOptions('ecmascript')],
  },
  // Skip node_modules except the ESM packages, wherever they are nested.
  transformIgnorePatterns: [`^(?!.*/node_modules/(?:${esmPackages.join('|')})/).*/node_modules/`],
  moduleNameMapper,
  setupFiles: [path.join(__dirname, 'libs/testing/src/setup-reflect.ts')],
  ...extra,
});

// Projects whose tests need Postgres and NATS resolve them once per run (env, Testcontainers, or local).
const withInfrastructure = {
  globalSetup: path.join(__dirname, 'libs/testing/src/global-setup.ts'),
  globalTeardown: path.join(__dirname, 'libs/testing/src/global-teardown.ts'),
};

module.exports = {
  // Integration tests wait for conditions with their own deadlines; this is only the outer bound.
  testTimeout: 60_000,
  projects: [
    project('@ops/kernel', 'libs/kernel'),
    project('@ops/contracts', 'libs/contracts'),
    project('@ops/auth', 'libs/auth'),
    project('@ops/messaging', 'libs/messaging', withInfrastructure),
    project('@ops/persistence', 'libs/persistence', withInfrastructure),
    project('@ops/observability', 'libs/observability'),
    project('@ops/testing', 'libs/testing', withInfrastructure),
    project('@ops/service-kit', 'libs/service-kit', withInfrastructure),
    project('@ops/gateway', 'services/gateway', withInfrastructure),
    project('@ops/sales', 'services/sales', withInfrastructure),
    project('@ops/finance', 'services/finance', withInfrastructure),
    project('@ops/inventory', 'services/inventory', withInfrastructure),
    project('@ops/security', 'services/security', withInfrastructure),
    project('@ops/host', 'services/host', withInfrastructure),
    project('@ops/platform-tests', 'tests/platform', withInfrastructure),
  ],
};
