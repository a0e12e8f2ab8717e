// "Make it yours", rehearsed: docs/make-it-yours.md applied word for word to a copy of this project
// (tests/support/make-it-yours.ts), which becomes a one-operation quotes API. The copy changes no
// file the guide does not list, passes the checks `npm test` starts with, and its battery, runner,
// banner and translated stacks serve and judge the new operation. Its whole suite is
// `npm run test:make-it-yours`'s: CI runs it (docs/testing.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBattery } from '../lib/battery.ts';
import { type Contract, loadContract } from '../lib/contract.ts';
import { projectFile } from '../lib/project.ts';
import { type StackName, TRANSLATED_STACKS, translationProblem } from '../lib/translation/stacks.ts';
import { bannerLines } from '../local/banner.ts';
import { asContractResponse, type RunningApi, send, startTestApi } from './support/http.ts';
import {
  EDITED_FILES,
  MAKE_IT_YOURS_FIXTURE,
  MEDITATION_FILES,
  madeProject,
  SNIPPETS,
  WRITTEN_BY_COMMANDS,
} from './support/make-it-yours.ts';

const GUIDE = readFileSync(projectFile('docs', 'make-it-yours.md'), 'utf8');

/** The guide's fenced code blocks but its commands (`sh`): the snippets a person writes. */
const guideSnippets = () =>
  [...GUIDE.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)]
    .filter(([, language]) => language !== 'sh')
    .map(([, , body]) => body);

describe('the guide, docs/make-it-yours.md', () => {
  it('shows exactly the files of tests/fixtures/make-it-yours, in order', () => {
    expect(guideSnippets()).toEqual(
      SNIPPETS.map(({ fixture }) => readFileSync(join(MAKE_IT_YOURS_FIXTURE, fixture), 'utf8')),
    );
  });

  it('lists every file the change touches, and says how many a person edits: 15 at most', () => {
    const listed = [...GUIDE.split('\n## The files, in one list\n')[1]!.matchAll(/`([^`]+)`/g)].map(
      ([, file = '']) => file,
    );
    expect(listed.filter((file) => !file.startsWith('npm run'))).toEqual([...EDITED_FILES, ...WRITTEN_BY_COMMANDS]);
    expect(GUIDE).toContain(`**${EDITED_FILES.length} files**`);
    expect(EDITED_FILES.length).toBeLessThanOrEqual(15);
  });
});

describe('a copy made into a quotes API by the guide', () => {
  let directory: string;
  let api: RunningApi;
  let contract: Contract;
  const inCopy = (command: string, ...args: string[]) =>
    spawnSync(command, args, { cwd: directory, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

  beforeAll(async () => {
    directory = madeProject();
    const { responses } = await import(pathToFileURL(join(directory, 'generated', 'validators.js')).href);
    contract = loadContract(join(directory, 'openapi.yaml'), responses);
    api = await startTestApi({ template: join(directory, 'template.yaml') });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('changes no file the guide does not list, and deletes the meditation operation’s own', () => {
    // Act: what the copy's git sees changed since it was copied.
    const changes = inCopy('git', 'status', '--porcelain', '--untracked-files=all')
      .stdout.split('\n')
      .filter((line) => line !== '')
      .map((line) => ({ deleted: line.startsWith(' D'), file: line.slice(3) }));

    // Assess
    const listed = (file: string) =>
      [...EDITED_FILES, ...WRITTEN_BY_COMMANDS].some((entry) =>
        entry.endsWith('/') ? file.startsWith(entry) : file === entry,
      );
    expect(changes.filter(({ file }) => !listed(file))).toEqual([]);
    expect(changes.filter(({ deleted }) => deleted).map(({ file }) => file)).toEqual(
      MEDITATION_FILES.filter((file) => existsSync(projectFile(file))).sort(),
    );
    for (const file of MEDITATION_FILES) expect(existsSync(join(directory, file)), file).toBe(false);
  });

  it.each([
    ['passes Biome, the contract lint, generate:check and both type-checks', ['run', '-s', 'lint']],
    ['passes the contract diff: the removal is breaking, and 2.0.0 allows it', ['run', '-s', 'contract:diff']],
  ])(
    '%s',
    (_, args) => {
      const result = inCopy('npm', ...args);
      expect(result.status, `npm ${args.join(' ')}:\n${result.stdout}${result.stderr}`).toBe(0);
    },
    180_000,
  );

  it('has its battery probe the new operation: its example, an unknown route, a method it does not serve', () => {
    const { probes } = planBattery(contract).plan;
    const probed = (kind: string) =>
      probes
        .filter((probe) => probe.kind === kind)
        .map(({ operationId, request }) => [operationId, request?.method, request?.path]);
    expect(probed('example')).toEqual([['getQuote', 'GET', '/quotes/1']]);
    expect(probed('unknown-route')).toEqual([['getQuote', 'POST', expect.any(String)]]);
    expect(probed('unserved-method')).toEqual([['getQuote', expect.not.stringMatching(/^GET$/), '/quotes/1']]);
  });

  it('serves the quote with that id, 404 for another, and no meditation', async () => {
    const quote = await send(api.url, { method: 'GET', path: '/v1/quotes/2' });
    const unknown = await send(api.url, { method: 'GET', path: '/v1/quotes/4' });
    const meditation = await send(api.url, { method: 'POST', path: '/v1/' });

    expect(quote.json()).toEqual({ status: 'success', id: 2, quote: 'Make it work, make it right, make it fast.' });
    expect(contract.checkResponse('getQuote', asContractResponse(quote))).toEqual({ valid: true, errors: [] });
    expect([unknown.statusCode, unknown.json()]).toEqual([
      404,
      expect.objectContaining({ code: 'RESOURCE_NOT_FOUND' }),
    ]);
    expect(meditation.statusCode).toBe(403);
  });

  it('offers the new operation in the banner with its contract example filled in: /quotes/1', () => {
    const tries = bannerLines(api, undefined).filter((line) => line.startsWith('Try: '));
    expect(tries).toEqual([`Try: curl -s -X GET ${api.url}/v1/quotes/1`]);
  });

  it.each(Object.keys(TRANSLATED_STACKS) as StackName[])(
    'has its %s stack translated from its own template, as the guide’s npm run translate leaves it',
    (stack) => {
      expect(translationProblem(stack, directory)).toBeUndefined();
    },
  );
});
