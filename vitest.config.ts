// Vitest: every test runs with the environment Lambda gives the function, quiet unless a test listens.
import { readFile } from 'node:fs/promises';
import { defineConfig, type Plugin, type ViteUserConfig } from 'vitest/config';
import { testServiceNames } from './lib/names.ts';

/**
 * @actions/workflow-parser (the workflow tests) imports its JSON schemas without
 * `with { type: 'json' }`, which Node refuses, so Vite loads it (server.deps.inline below). Its
 * source maps name sources the package does not ship; loaded without them, Vite has nothing to
 * warn about for each of its files.
 */
const workflowParserWithoutSourceMaps: Plugin = {
  name: 'workflow-parser-without-source-maps',
  async load(id) {
    if (!/\/@actions\/workflow-parser\/dist\/.*\.js$/.test(id)) return null;
    return (await readFile(id, 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/m, '');
  },
};

/**
 * On GitHub Actions: annotations and a job summary, and a JUnit report in artifacts/ (CI uploads it).
 * Elsewhere vitest's default output only.
 */
export const reportersFor = (title: string, junitFile: string): NonNullable<ViteUserConfig['test']> =>
  process.env.GITHUB_ACTIONS === 'true'
    ? {
        reporters: ['default', ['github-actions', { jobSummary: { title } }], 'junit'],
        outputFile: { junit: junitFile },
      }
    : {};

export default defineConfig({
  plugins: [workflowParserWithoutSourceMaps],
  test: {
    include: ['tests/**/*.test.ts'],
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    ...reportersFor('Tests', 'artifacts/junit.xml'),
    // Browser tests need Chromium: `npm run test:browser`.
    exclude: ['tests/browser/**', 'tests/fixtures/**'],
    // A test fails on what it asserts, not on a slow machine: several tests start the runner as a
    // child process or build a bundle, which takes seconds on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      // Lambda sets this; without it Powertools never reports a cold start.
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_REGION: 'eu-west-1',
      // A service and namespace of the tests' own: <service>-test, <metricNamespace>Test.
      ...testServiceNames(),
      // Pretty logs, no EMF; the observability tests turn both back on and read stdout.
      POWERTOOLS_DEV: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
  },
});
