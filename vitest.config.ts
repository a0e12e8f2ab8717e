// Vitest: every test runs with the environment Lambda gives the function, quiet unless a test listens.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser tests need Chromium: `npm run test:browser`.
    exclude: ['tests/browser/**'],
    env: {
      // Lambda sets this; without it Powertools never reports a cold start.
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_REGION: 'eu-west-1',
      POWERTOOLS_SERVICE_NAME: 'guru-meditations-test',
      POWERTOOLS_METRICS_NAMESPACE: 'GuruMeditationsTest',
      // Pretty logs, no EMF; the observability tests turn both back on and read stdout.
      POWERTOOLS_DEV: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
  },
});
