// `npm run docs:build [-- --api-url <stage URL>]`: what is published beside the API, in dist/docs/:
// the Redoc page of openapi.yaml (index.html, self-contained, asking no other host), the contract
// as clients read it (openapi.yaml), and the "Ask the guru" page (guru/), which calls the API at
// --api-url (default: the local runner's, http://127.0.0.1:3000/v1). The deploy publishes them once
// prod serves them, the page calling prod, so the published openapi.yaml is the contract prod
// serves: the next deploy's plan compares with it. A project without page/ publishes no page.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleContract, renderDocsPage } from '../lib/docs.ts';
import { hasGuruPage, writeGuruPage } from '../lib/page.ts';
import { PROJECT_ROOT } from '../lib/project.ts';

const USAGE = 'Usage: npm run docs:build [-- --api-url <the stage URL the page calls>]';
const LOCAL_API_URL = 'http://127.0.0.1:3000/v1';

const apiUrl = (() => {
  try {
    const { values } = parseArgs({ options: { 'api-url': { type: 'string', default: LOCAL_API_URL } } });
    const url = new URL(values['api-url']);
    if (!['http:', 'https:'].includes(url.protocol))
      throw new Error(`--api-url takes an http or https URL, not ${url.protocol}`);
    return url.href.replace(/\/+$/, '');
  } catch (error) {
    console.error(`docs:build: ${(error as Error).message.split('. ')[0]}. ${USAGE}`);
    process.exit(2);
  }
})();

const outDirectory = join(PROJECT_ROOT, 'dist', 'docs');
const contract = join(PROJECT_ROOT, 'openapi.yaml');
const pageDirectory = join(outDirectory, 'guru');
const withPage = hasGuruPage();
await mkdir(outDirectory, { recursive: true });
await Promise.all([
  renderDocsPage(contract, join(outDirectory, 'index.html')),
  bundleContract(contract, join(outDirectory, 'openapi.yaml')),
  // Without page/, an earlier build's page goes too: what is published is what the project has.
  withPage ? writeGuruPage(apiUrl, pageDirectory) : rm(pageDirectory, { recursive: true, force: true }),
]);
console.log(
  withPage
    ? `Wrote dist/docs/index.html, dist/docs/openapi.yaml and dist/docs/guru/ (calling ${apiUrl})`
    : 'Wrote dist/docs/index.html and dist/docs/openapi.yaml (no page/, so no page)',
);
