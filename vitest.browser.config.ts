// Vitest for the browser tests (`npm run test:browser`): they need Chromium or Chrome (Debian's
// chromium, which .ci/run installs, or CHROMIUM_PATH); `npm test` runs everything else.
import { defineConfig } from 'vitest/config';
import base, { reportersFor } from './vitest.config.ts';

export default defineConfig({
  test: {
    ...base.test,
    include: ['tests/browser/**/*.test.ts'],
    exclude: [],
    ...reportersFor('Pages in a browser', 'artifacts/junit-browser.xml'),
  },
});
