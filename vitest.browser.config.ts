// Vitest for the browser tests (`npm run test:browser`): they need Debian's chromium, which
// .ci/run installs; `npm test` runs everything else.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({ test: { ...base.test, include: ['tests/browser/**/*.test.ts'], exclude: [] } });
