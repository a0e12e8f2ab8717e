// The "Ask the guru" page (page/): a static page that asks the API for a meditation through the
// typed client (client/), published beside the docs and served by `npm start` at /guru/. Its script
// is bundled for browsers with esbuild (the client and openapi-fetch inside); its HTML names the
// API's URL, given when the page is built (the stage's, at deploy), and a Content-Security-Policy
// that lets it load its own files and call that API, and nothing else.
// The page is the meditation operation's own client: a project that removes that operation removes
// page/ with it, and then has no page, which is no error: nothing serves or publishes one.
// https://developer.mozilla.org/docs/Web/HTTP/Guides/CSP
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { readOpenApi } from './contract.ts';
import { PROJECT_ROOT } from './project.ts';

/** The project's page: its source folder. */
export const GURU_PAGE_SOURCE = join(PROJECT_ROOT, 'page');

/** The page's files, as it is published: the HTML, its script and its style sheet. */
export const GURU_PAGE_FILES = ['index.html', 'app.js', 'style.css'] as const;

/** What the page may load: its own script and style, and calls to the API (its origin when it is another). */
export const guruPageCsp = (apiUrl: string): string => {
  const api = /^https?:\/\//.test(apiUrl) ? ` ${new URL(apiUrl).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${api}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
};

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * Whether there is a page at `source`, its HTML at least: a project may have none (an empty folder
 * its files were deleted from is none), but one it has is built or fails loudly.
 */
export const hasGuruPage = (source: string = GURU_PAGE_SOURCE): boolean => existsSync(join(source, 'index.html'));

/**
 * The page's files, by name, for the API at `apiUrl` (an absolute URL, or a path on the page's own
 * origin), built from `source` (page/ unless another is given).
 */
export const buildGuruPage = async (
  apiUrl: string,
  source: string = GURU_PAGE_SOURCE,
): Promise<Record<(typeof GURU_PAGE_FILES)[number], Buffer>> => {
  const script = await build({
    entryPoints: [join(source, 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
  });
  const title = String(readOpenApi(join(PROJECT_ROOT, 'openapi.yaml')).info?.title ?? 'the API');
  const html = (await readFile(join(source, 'index.html'), 'utf8'))
    .replaceAll('%CONTENT_SECURITY_POLICY%', guruPageCsp(apiUrl))
    .replaceAll('%API_URL%', escapeHtml(apiUrl))
    .replaceAll('%TITLE%', escapeHtml(title));
  return {
    'index.html': Buffer.from(html),
    'app.js': Buffer.from(script.outputFiles[0]!.contents),
    'style.css': await readFile(join(source, 'style.css')),
  };
};

/** Writes the page built from `source` into `directory`. */
export const writeGuruPage = async (apiUrl: string, directory: string, source: string = GURU_PAGE_SOURCE) => {
  await mkdir(directory, { recursive: true });
  const files = await buildGuruPage(apiUrl, source);
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(join(directory, name), content)));
};
