// The contract as clients see it, served by the local runner: /openapi.yaml and the Redoc page at
// /docs (lib/docs.ts), and the "Ask the guru" page at /guru/ (lib/page.ts), calling the runner's own
// stage, when the project has one; all rebuilt whenever openapi.yaml changes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { bundleContract, renderDocsPage } from '../../lib/docs.ts';
import { buildGuruPage, type GURU_PAGE_FILES, hasGuruPage } from '../../lib/page.ts';
import { watchForChanges } from '../watch.ts';

const REBUILD_DELAY_MS = 100;

export interface PublishedDocs {
  /** The Redoc page, self-contained (its scripts are inlined). */
  html: () => Promise<Buffer>;
  /** openapi.yaml bundled without the API Gateway extensions. */
  contract: () => Promise<Buffer>;
  /** The "Ask the guru" page's files, by name; none when the project has no page. */
  page: (() => Promise<Record<(typeof GURU_PAGE_FILES)[number], Buffer>>) | undefined;
  close: () => Promise<void>;
}

/** The page to publish beside the docs: its source folder, and the URL it calls. */
export interface PageSettings {
  source: string;
  apiUrl: string;
}

/** Renders the docs now, and again on every change to `openapiPath` when `watchChanges`; the page too, if `page.source` holds one. */
export const publishDocs = async (
  openapiPath: string,
  { watchChanges, log, page }: { watchChanges: boolean; log: (line: string) => void; page: PageSettings },
): Promise<PublishedDocs> => {
  const directory = await mkdtemp(join(tmpdir(), 'guru-docs-'));
  const withPage = hasGuruPage(page.source);
  const build = async () => {
    const html = join(directory, 'index.html');
    const contract = join(directory, 'openapi.yaml');
    const [files] = await Promise.all([
      withPage ? buildGuruPage(page.apiUrl, page.source) : undefined,
      renderDocsPage(openapiPath, html),
      bundleContract(openapiPath, contract),
    ]);
    return { html: await readFile(html), contract: await readFile(contract), page: files };
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
    page: withPage ? async () => (await current).page! : undefined,
    close: async () => {
      watcher?.close();
      await current.catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
};
