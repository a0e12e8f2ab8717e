// `npm run docs`: the Redoc page of openapi.yaml, self-contained and asking no other host, in
// dist/docs/index.html, to publish wherever you like.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { renderDocsPage } from '../lib/docs.ts';
import { PROJECT_ROOT } from '../lib/project.ts';

const outFile = join(PROJECT_ROOT, 'dist', 'docs', 'index.html');
await mkdir(join(PROJECT_ROOT, 'dist', 'docs'), { recursive: true });
await renderDocsPage(join(PROJECT_ROOT, 'openapi.yaml'), outFile);
console.log(`Wrote ${outFile.replace(PROJECT_ROOT, '')}`);
