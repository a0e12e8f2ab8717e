// `npm run docs:build`: the Redoc page of openapi.yaml, self-contained and asking no other host, in
// dist/docs/index.html, and beside it the contract as clients read it, dist/docs/openapi.yaml, to
// publish wherever you like. The deploy publishes both once prod serves them, so the published
// openapi.yaml is the contract prod serves: the next deploy's plan compares with it.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleContract, renderDocsPage } from '../lib/docs.ts';
import { PROJECT_ROOT } from '../lib/project.ts';

const outDirectory = join(PROJECT_ROOT, 'dist', 'docs');
const contract = join(PROJECT_ROOT, 'openapi.yaml');
await mkdir(outDirectory, { recursive: true });
await Promise.all([
  renderDocsPage(contract, join(outDirectory, 'index.html')),
  bundleContract(contract, join(outDirectory, 'openapi.yaml')),
]);
console.log(`Wrote ${['index.html', 'openapi.yaml'].map((file) => join('dist', 'docs', file)).join(', ')}`);
