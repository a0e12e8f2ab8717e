// lib/page.ts: a page built for a stage's URL, which its HTML names and its Content-Security-Policy
// lets it call, and nothing else; built from a page of the tests' own (tests/fixtures/page), since
// the project's page/ goes with the operation it calls (tests/browser/guru-page.test.ts tests it).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contractTitle } from '../../lib/contract.ts';
import { buildGuruPage, GURU_PAGE_FILES, guruPageCsp, hasGuruPage, writeGuruPage } from '../../lib/page.ts';
import { projectFile } from '../../lib/project.ts';

const FIXTURE_PAGE = fileURLToPath(new URL('../fixtures/page/', import.meta.url));

describe('a page', () => {
  it("lets the page call the API's origin, and load nothing but its own files", () => {
    // Act
    const policy = guruPageCsp('https://abc123defg.execute-api.eu-west-1.amazonaws.com/v1');

    // Assess
    expect(policy.split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self' https://abc123defg.execute-api.eu-west-1.amazonaws.com",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
  });

  it('calls only its own origin when the API is a path there', () => {
    expect(guruPageCsp('/v1')).toContain("connect-src 'self';");
  });

  it("names the API's URL and the contract's title in the HTML, escaped, and bundles the client into one script", async () => {
    // Act
    const page = await buildGuruPage('https://api.example.com/v1?a="b"&c=<d>', FIXTURE_PAGE);

    // Assess
    const html = page['index.html'].toString();
    expect(html).toContain(
      '<meta name="api-url" content="https://api.example.com/v1?a=&quot;b&quot;&amp;c=&lt;d&gt;" />',
    );
    expect(html).toContain(`content="${guruPageCsp('https://api.example.com/v1?a="b"&c=<d>')}"`);
    expect(html).not.toMatch(/%[A-Z_]+%/);
    const title = contractTitle(projectFile('openapi.yaml'));
    const escaped = title
      .replaceAll('&', '&amp;')
      .replaceAll('"', '&quot;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;');
    expect(html).toContain(`<title>${escaped}</title>`);
    const script = page['app.js'].toString();
    expect(script).not.toMatch(/\bimport\b[^(]*from\s*["']/);
    expect(script).toContain('x-amzn-RequestId');
    expect(page['style.css']).toEqual(await readFile(join(FIXTURE_PAGE, 'style.css')));
  });

  it('writes its three files into a folder, as npm run docs:build publishes them', async () => {
    // Prepare
    const directory = await mkdtemp(join(tmpdir(), 'guru-page-'));
    try {
      // Act
      await writeGuruPage('https://api.example.com/v1', directory, FIXTURE_PAGE);

      // Assess
      expect((await readdir(directory)).sort()).toEqual([...GURU_PAGE_FILES].sort());
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('is there when its HTML is; a project without the folder, or with its files deleted, has none', async () => {
    const emptied = await mkdtemp(join(tmpdir(), 'emptied-page-'));
    try {
      expect(hasGuruPage(FIXTURE_PAGE)).toBe(true);
      expect(hasGuruPage(join(FIXTURE_PAGE, 'no-such-page'))).toBe(false);
      expect(hasGuruPage(emptied)).toBe(false);
    } finally {
      await rm(emptied, { recursive: true, force: true });
    }
  });
});
