// `npm run security:audit` with a stand-in npm on PATH: a check that did not run never passes.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const AUDIT = fileURLToPath(new URL('../../scripts/audit.ts', import.meta.url));

/** Runs the audit script with an `npm` that prints `report` and exits with `code`. */
const auditWith = (report: object, code: number, args: string[] = []) => {
  const bin = mkdtempSync(join(tmpdir(), 'guru-audit-'));
  writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho '${JSON.stringify(report)}'\nexit ${code}\n`);
  chmodSync(join(bin, 'npm'), 0o755);
  const result = spawnSync(process.execPath, [AUDIT, ...args], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  return { code: result.status, output: result.stdout + result.stderr };
};

const counts = (high: number) => ({
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high, critical: 0, total: high } },
});

describe('security:audit', () => {
  it('fails when the audit could not run, and says why', () => {
    const result = auditWith({ error: { summary: '405 Method Not Allowed' } }, 1);
    expect(result.code).toBe(1);
    expect(result.output).toContain('NOT RUN');
    expect(result.output).toContain('405 Method Not Allowed');
  });

  it('passes an audit that could not run only with --allow-unavailable, and says so loudly', () => {
    const result = auditWith({ error: { summary: '405 Method Not Allowed' } }, 1, ['--allow-unavailable']);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/!!! .*NOT audited/);
  });

  it('fails on a high finding and passes a clean report', () => {
    expect(auditWith({ ...counts(1), vulnerabilities: { lodash: { severity: 'high' } } }, 1).code).toBe(1);
    expect(auditWith(counts(0), 0).code).toBe(0);
  });
});
