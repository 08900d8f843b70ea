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

export default {
  projects: [
    {
      displayName: 'api',
      rootDir: '<rootDir>/apps/api',
      testEnvironment: 'node',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: {
        '^(\\.{1,2}/.*)\\.js$': '$1',
        // ESM-only packages reached through require() (Node 20.19 can, Jest cannot): CJS builds of the same API.
        '^cookie$': '<rootDir>/../../node_modules/cookie-cjs/dist/index.js',
        '^content-disposition$': '<rootDir>/test/support/cjs/content-disposition.cjs',
      },
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
      testTimeout: 60_000,
    },
  ],
};
