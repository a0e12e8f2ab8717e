// What `npm start` offers to try: a curl command per operation, its contract example filled in
// (no `{id}`, which curl reads as a pattern), that a shell runs as printed and the stage answers
// as the contract says.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannerLines, curlCommand } from '../../local/banner.ts';
import { contract } from '../support/contract.ts';
import { EXAMPLES } from '../support/examples.ts';
import { asContractResponse, type RunningApi, send, startTestApi, withTestApi } from '../support/http.ts';

/** A page of the tests' own, as tests/local/http/docs.test.ts serves it. */
const FIXTURE_PAGE = fileURLToPath(new URL('../fixtures/page/', import.meta.url));

/** The words a POSIX shell makes of a line: split at spaces, but within '…', a backslash escaping one character. */
const shellWords = (line: string): string[] => {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const character = line[i]!;
    if (character === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (character === '\\') word = (word ?? '') + line[++i];
    else if (character !== ' ') word = (word ?? '') + character;
    else if (word !== undefined) {
      words.push(word);
      word = undefined;
    }
  }
  return word === undefined ? words : [...words, word];
};

/** A curl command's method, headers, body and URL, as curl reads them from its words. */
const curlRequest = (command: string) => {
  const [curl, ...words] = shellWords(command);
  const request = {
    curl,
    method: '',
    headers: {} as Record<string, string>,
    body: undefined as string | undefined,
    url: '',
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '-X') request.method = words[++i]!;
    else if (word === '-H') {
      const [name = '', ...value] = words[++i]!.split(': ');
      request.headers[name] = value.join(': ');
    } else if (word === '-d') request.body = words[++i];
    else if (!word.startsWith('-')) request.url = word;
  }
  return request;
};

describe('the start-up banner', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it("offers one curl command per operation, whose answer is the contract's", async () => {
    // Act
    const tries = bannerLines(api, undefined)
      .filter((line) => line.startsWith('Try: '))
      .map((line) => curlRequest(line.slice('Try: '.length)));
    const answers = await Promise.all(
      tries.map(({ method, headers, body, url }) =>
        send(api.url, { method, headers, body, path: url.slice(api.url.length) }),
      ),
    );

    // Assess
    expect(tries.map(({ curl, method }) => [curl, method])).toEqual(
      EXAMPLES.map(({ request }) => ['curl', request.method]),
    );
    EXAMPLES.forEach(({ operationId, status }, index) => {
      expect(tries[index]?.url).not.toMatch(/[{}[\]]/);
      expect(answers[index]?.statusCode).toBe(status);
      expect(contract.checkResponse(operationId, asContractResponse(answers[index]!))).toEqual({
        valid: true,
        errors: [],
      });
    });
  });

  it('quotes what a shell would read otherwise: a query, a header, a body with a quote in it', () => {
    // Act
    const command = curlCommand('http://127.0.0.1:3000/v1', {
      method: 'POST',
      path: '/items/a%20b',
      query: 'tag=x&page=2',
      headers: { 'Content-Type': 'application/json', 'X-Guru': 'ada' },
      body: `{"quote":"it's"}`,
      resource: '/items/{id}',
    });

    // Assess
    expect(curlRequest(command)).toEqual({
      curl: 'curl',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Guru': 'ada' },
      body: `{"quote":"it's"}`,
      url: 'http://127.0.0.1:3000/v1/items/a%20b?tag=x&page=2',
    });
  });
});

// The docs and the page are built as the runner starts; its close waits for Redoc's build.
describe('the start-up banner: the "Ask the guru" page', { timeout: 30_000 }, () => {
  it('names the page at /guru/, whose address answers with the page, when the project has one', async () => {
    await withTestApi({ docs: true, page: FIXTURE_PAGE }, async (api) => {
      // Act
      const lines = bannerLines(api, undefined).filter((line) => line.includes('/guru'));
      const page = await send(api.url, { method: 'GET', path: '/guru/' });

      // Assess
      expect(lines).toEqual([`  "Ask the guru" page: ${api.url}/guru/  (calls ${api.url}/${api.definition.stage})`]);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    });
  });

  it('names no page when the project has none', async () => {
    await withTestApi({ docs: true, page: join(FIXTURE_PAGE, 'no-such-page') }, async (api) => {
      expect(bannerLines(api, undefined).filter((line) => line.includes('/guru'))).toEqual([]);
    });
  });
});
