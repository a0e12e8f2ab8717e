// An edit to the function's source is live on the next request, without a restart.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULTY_TEMPLATE, send, withTestApi } from '../support/http.ts';

describe('local runner: live reload', () => {
  it('serves an edited handler on the next request, cold', async () => {
    // Prepare: a copy of the fixture stack, to edit.
    const directory = mkdtempSync(join(tmpdir(), 'guru-reload-'));
    cpSync(dirname(FAULTY_TEMPLATE), directory, { recursive: true });
    await withTestApi({ template: join(directory, 'template.yaml'), watch: true }, async (api) => {
      const before = await send(api.url, { method: 'GET', path: '/version' });
      const source = join(directory, 'faulty.ts');

      // Act
      writeFileSync(source, readFileSync(source, 'utf8').replace("const VERSION = 'v1';", "const VERSION = 'v2';"));

      // Assess
      expect(before.json()).toEqual({ version: 'v1' });
      await expect
        .poll(async () => (await send(api.url, { method: 'GET', path: '/version' })).json(), {
          timeout: 5000,
          interval: 100,
        })
        .toEqual({ version: 'v2' });
      expect(api.logs.some((line) => line.includes('Rebuilt FaultyFunction'))).toBe(true);
    });
  });

  it('keeps serving the last good build when an edit does not compile', async () => {
    // Prepare
    const directory = mkdtempSync(join(tmpdir(), 'guru-reload-'));
    cpSync(dirname(FAULTY_TEMPLATE), directory, { recursive: true });
    await withTestApi({ template: join(directory, 'template.yaml'), watch: true }, async (api) => {
      const source = join(directory, 'faulty.ts');

      // Act
      writeFileSync(source, `${readFileSync(source, 'utf8')}\nexport const broken = ;\n`);

      // Assess
      await expect
        .poll(() => api.logs.some((line) => line.includes('Rebuilding FaultyFunction failed')), { timeout: 5000 })
        .toBe(true);
      // esbuild's own report, where and what, not just that it failed.
      expect(api.logs.some((line) => line.includes('Unexpected ";"'))).toBe(true);
      expect(api.logs.some((line) => /faulty\.ts:\d+:\d+/.test(line))).toBe(true);
      expect((await send(api.url, { method: 'GET', path: '/version' })).json()).toEqual({ version: 'v1' });
    });
  });
});
