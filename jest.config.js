/** Jest in ESM mode (NestJS 12 is ESM-only), TypeScript through @swc/jest. `npm test` runs it via tools/test.mjs. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

/** Both projects' rootDir is apps/<name>, so these paths resolve the same from each. */
const esmMapper = {
  '^(\\.{1,2}/.*)\\.js$': '$1',
  // ESM-only packages reached through require() (Node 20.19 can, Jest cannot): CJS builds of the same API.
  '^cookie$': '<rootDir>/../../node_modules/cookie-cjs/dist/index.js',
  '^content-disposition$': '<rootDir>/../api/test/support/cjs/content-disposition.cjs',
};

export default {
  // A global option (ignored inside projects): integration tests start whole apps and databases.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'api',
      rootDir: '<rootDir>/apps/api',
      testEnvironment: 'node',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: esmMapper,
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      displayName: 'dashboard',
      rootDir: '<rootDir>/apps/dashboard',
      testEnvironment: 'node',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: esmMapper,
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/e2e/**/*.spec.ts'],
    },
    {
      // Cards and pages rendered in jsdom with Testing Library (the browser run is the e2e project above).
      displayName: 'dashboard-components',
      rootDir: '<rootDir>/apps/dashboard',
      testEnvironment: 'jsdom',
      extensionsToTreatAsEsm: ['.ts', '.tsx'],
      moduleNameMapper: { ...esmMapper, '\\.css$': '<rootDir>/src/test/style-stub.ts' },
      setupFiles: ['<rootDir>/src/test/setup.ts'],
      transform: {
        '^.+\\.tsx?$': [
          '@swc/jest',
          {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
              target: 'es2022',
            },
            module: { type: 'es6' },
          },
        ],
      },
      testMatch: ['<rootDir>/src/**/*.spec.tsx', '<rootDir>/src/**/*.spec.ts'],
    },
  ],
};
