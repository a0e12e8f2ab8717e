// The local runner's own pages, answered before the gateway: the contract as clients see it
// (/openapi.yaml), its Redoc page (/docs) and the "Ask the guru" page (/guru/) when the project has
// one. They are no part of the API, and only GET reads them; without a page, /guru/ is the
// gateway's, an unknown route like any other.
import type { HttpResponse } from '../../src/shared/apigateway/proxy-response.ts';
import type { PublishedDocs } from './docs.ts';

/** The page at a method and path, if there is one. */
export type LocalPages = (method: string, path: string) => Promise<HttpResponse> | undefined;

const HTML = 'text/html; charset=utf-8';

type Page = { type: string; load: () => Promise<Buffer> };

/** The "Ask the guru" page's files at /guru/, if there is a page. */
const guruPages = (page: PublishedDocs['page']): Record<string, Page> =>
  page === undefined
    ? {}
    : {
        '/guru/': { type: HTML, load: async () => (await page())['index.html'] },
        '/guru/app.js': { type: 'text/javascript; charset=utf-8', load: async () => (await page())['app.js'] },
        '/guru/style.css': { type: 'text/css; charset=utf-8', load: async () => (await page())['style.css'] },
      };

/** The pages the docs provide; none without docs. */
export const localPages = (docs: PublishedDocs | undefined): LocalPages => {
  if (docs === undefined) return () => undefined;
  const pages: Record<string, Page> = {
    '/docs': { type: HTML, load: docs.html },
    '/docs/': { type: HTML, load: docs.html },
    '/openapi.yaml': { type: 'application/yaml', load: docs.contract },
    ...guruPages(docs.page),
    // Browsers ask for it when showing /docs; an empty one beats a 403 in their console.
    '/favicon.ico': { type: 'image/x-icon', load: async () => Buffer.alloc(0) },
  };
  // The page's files are relative to its folder: /guru is sent there.
  const toFolder: HttpResponse = { statusCode: 301, headers: { Location: '/guru/' }, body: Buffer.alloc(0) };
  const serve = async ({ type, load }: Page): Promise<HttpResponse> => {
    try {
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
      return { statusCode: 200, headers, body: await load() };
    } catch {
      const body = Buffer.from('The docs could not be built from openapi.yaml: see the terminal.\n');
      return { statusCode: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body };
    }
  };
  return (method, path) => {
    if (method !== 'GET' && method !== 'HEAD') return undefined;
    if (path === '/guru' && docs.page !== undefined) return Promise.resolve(toFolder);
    const page = pages[path];
    return page && serve(page);
  };
};
