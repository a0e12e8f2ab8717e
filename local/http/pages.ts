// The local runner's own pages, answered before the gateway: the contract as clients see it
// (/openapi.yaml) and its Redoc page (/docs). They are no part of the API, and only GET reads them.
import type { HttpResponse } from '../../src/shared/apigateway/proxy-response.ts';
import type { PublishedDocs } from './docs.ts';

/** The page at a method and path, if there is one. */
export type LocalPages = (method: string, path: string) => Promise<HttpResponse> | undefined;

const HTML = 'text/html; charset=utf-8';

/** The pages the docs provide; none without docs. */
export const localPages = (docs: PublishedDocs | undefined): LocalPages => {
  if (docs === undefined) return () => undefined;
  const pages: Record<string, { type: string; load: () => Promise<Buffer> }> = {
    '/docs': { type: HTML, load: docs.html },
    '/docs/': { type: HTML, load: docs.html },
    '/openapi.yaml': { type: 'application/yaml', load: docs.contract },
    // Browsers ask for it when showing /docs; an empty one beats a 403 in their console.
    '/favicon.ico': { type: 'image/x-icon', load: async () => Buffer.alloc(0) },
  };
  const serve = async ({ type, load }: { type: string; load: () => Promise<Buffer> }): Promise<HttpResponse> => {
    try {
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
      return { statusCode: 200, headers, body: await load() };
    } catch {
      const body = Buffer.from('The docs could not be built from openapi.yaml: see the terminal.\n');
      return { statusCode: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body };
    }
  };
  return (method, path) => {
    const page = method === 'GET' || method === 'HEAD' ? pages[path] : undefined;
    return page && serve(page);
  };
};
