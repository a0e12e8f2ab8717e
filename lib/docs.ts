// The contract as clients read it, rendered by Redocly: the Redoc page and the bundled
// openapi.yaml, both without the x-amazon-apigateway-* extensions (the decorator in redocly.yaml).
// The page is self-contained and asks no other host: Redoc's attribution logo, its one image from
// a CDN, becomes an inline image, and a Content-Security-Policy keeps every request on the page's
// own origin (https://developer.mozilla.org/docs/Web/HTTP/CSP).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import type { OpenApiDocument } from './contract.ts';
import { PROJECT_ROOT } from './project.ts';

const REDOCLY = join(PROJECT_ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const CONFIG = join(PROJECT_ROOT, 'redocly.yaml');
const run = promisify(execFile);

const redocly = (args: string[]) =>
  run(process.execPath, [REDOCLY, ...args, '--config', CONFIG], { maxBuffer: 16 * 1024 * 1024 });

/** Redoc's attribution logo, which it loads from its CDN. */
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

/** The attribution kept, as text drawn in place. */
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#8d8d8d">Redocly</text></svg>',
)}`;

/** Requests go nowhere but the page's own origin; inline code and data/blob URLs are Redoc's own. */
const CONTENT_SECURITY_POLICY = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:";

/** Makes Redocly's page ask no other host. */
export const selfContained = (html: string): string =>
  html
    .replace(CDN_LOGO, INLINE_LOGO)
    .replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);

/** Renders the Redoc page for the contract into `outFile`. */
export const renderDocsPage = async (openapiPath: string, outFile: string) => {
  await redocly(['build-docs', openapiPath, '--inlineBundle', '--output', outFile]);
  await writeFile(outFile, selfContained(await readFile(outFile, 'utf8')));
};

/** Writes the contract as clients see it into `outFile`; `dereferenced`, with every `$ref` replaced by what it names. */
export const bundleContract = async (openapiPath: string, outFile: string, { dereferenced = false } = {}) => {
  await redocly(['bundle', openapiPath, '--output', outFile, ...(dereferenced ? ['--dereferenced'] : [])]);
};

/** The contract as the docs publish it, parsed; `dereferenced`, with Redocly's own resolution of every `$ref`. */
export const publishedContract = async (
  openapiPath: string,
  options: { dereferenced?: boolean } = {},
): Promise<OpenApiDocument> => {
  const directory = await mkdtemp(join(tmpdir(), 'guru-published-'));
  try {
    await bundleContract(openapiPath, join(directory, 'openapi.yaml'), options);
    return parse(await readFile(join(directory, 'openapi.yaml'), 'utf8')) as OpenApiDocument;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
};
