// The contract as clients see it, served by the local runner: /openapi.yaml and the Redoc page at
// /docs (lib/docs.ts), and the "Ask the guru" page at /guru/ (lib/page.ts), calling the runner's own
// stage; all rebuilt whenever openapi.yaml changes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { bundleContract, renderDocsPage } from '../../lib/docs.ts';
import { buildGuruPage, type GURU_PAGE_FILES } from '../../lib/page.ts';
import { watchForChanges } from '../watch.ts';

const REBUILD_DELAY_MS = 100;

export interface PublishedDocs {
  /** The Redoc page, self-contained (its scripts are inlined). */
  html: () => Promise<Buffer>;
  /** openapi.yaml bundled without the API Gateway extensions. */
  contract: () => Promise<Buffer>;
  /** The "Ask the guru" page's files, by name. */
  page: () => Promise<Record<(typeof GURU_PAGE_FILES)[number], Buffer>>;
  close: () => Promise<void>;
}

/** Renders the docs now, and again on every change to `openapiPath` when `watchChanges`. */
export const publishDocs = async (
  openapiPath: string,
  {
    watchChanges,
    log,
    pageApiUrl,
  }: { watchChanges: boolean; log: (line: string) => void /** The URL the page calls. */; pageApiUrl: string },
): Promise<PublishedDocs> => {
  const directory = await mkdtemp(join(tmpdir(), 'guru-docs-'));
  const build = async () => {
    const html = join(directory, 'index.html');
    const contract = join(directory, 'openapi.yaml');
    const [page] = await Promise.all([
      buildGuruPage(pageApiUrl),
      renderDocsPage(openapiPath, html),
      bundleContract(openapiPath, contract),
    ]);
    return { html: await readFile(html), contract: await readFile(contract), page };
  };
  let current = build();
  current.catch((error: Error) => log(`The docs could not be built: ${error.message.split('\n')[0]}`));

  const rebuild = () => {
    const next = build();
    next.then(
      () => {
        current = next;
        log(`${basename(openapiPath)} changed: /docs and /openapi.yaml rebuilt (restart to serve changed routes).`);
      },
      (error: Error) =>
        log(`${basename(openapiPath)} changed, but the docs could not be rebuilt: ${error.message.split('\n')[0]}`),
    );
  };
  const watcher = watchChanges
    ? watchForChanges([dirname(openapiPath)], (name) => name === basename(openapiPath), rebuild, REBUILD_DELAY_MS)
    : undefined;

  return {
    html: async () => (await current).html,
    contract: async () => (await current).contract,
    page: async () => (await current).page,
    close: async () => {
      watcher?.close();
      await current.catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
};
