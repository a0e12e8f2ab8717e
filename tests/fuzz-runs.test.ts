// FUZZ_RUNS, as the README offers it: any positive integer runs the property tests to the end.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT as PROJECT } from '../lib/project.ts';

const fuzzWith = (runs: string) =>
  spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=verbose', 'tests/handler.fuzz.test.ts'],
    {
      cwd: PROJECT,
      env: { ...process.env, FUZZ_RUNS: runs },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );

describe('FUZZ_RUNS', () => {
  it('runs the property tests to the end with a count that is not a multiple of four', () => {
    const result = fuzzWith('7');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\(7 runs\)/);
    expect(result.stdout).toMatch(/\(2 runs\)/);
  }, 60_000);

  it('refuses a count that is not a positive integer, naming FUZZ_RUNS', () => {
    const result = fuzzWith('1.5');
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('FUZZ_RUNS must be a positive integer, not "1.5"');
  }, 60_000);
});
