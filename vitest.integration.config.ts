import { defineConfig } from 'vitest/config';

// Heavy scenarios (kill -9 loops, 20k-record runs, real runner processes): `npm run test:integration`.
export default defineConfig({
  test: {
    include: ['test/**/*.integration.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
