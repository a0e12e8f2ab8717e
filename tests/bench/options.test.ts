// bench/options.ts and bench/run.ts: the benchmark's command line, and one line with the usage for
// whatever it does not understand.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUT, parseOptions, USAGE } from '../../bench/options.ts';

const RUN = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));

describe('options', () => {
  it('runs in full and writes artifacts/bench.json unless told otherwise', () => {
    // Prepare
    const args: string[] = [];

    // Act
    const parsed = parseOptions(args);

    // Assess
    expect(parsed).toEqual({ options: { quick: false, out: DEFAULT_OUT } });
    expect(DEFAULT_OUT).toMatch(/\/artifacts\/bench\.json$/);
  });

  it('takes --quick and --out', () => {
    // Prepare
    const args = ['--quick', '--out', 'a.json'];

    // Act
    const parsed = parseOptions(args);

    // Assess
    expect(parsed).toEqual({ options: { quick: true, out: 'a.json' } });
  });

  it('answers an unknown option, a missing value or an argument with what is wrong and the usage', () => {
    // Prepare
    const commandLines = [['--fast'], ['--out'], ['--quick=yes'], ['a.json']];

    // Act
    const errors = commandLines.map(parseOptions);

    // Assess
    expect(errors).toEqual([
      { error: `Unknown option '--fast'; ${USAGE}` },
      { error: `Option '--out <value>' argument missing; ${USAGE}` },
      { error: `Option '--quick' does not take an argument; ${USAGE}` },
      { error: `Unexpected argument 'a.json'; ${USAGE}` },
    ]);
  });

  it('exits 2 with that one line, before measuring anything', () => {
    // Prepare
    const args = [RUN, '--fast'];

    // Act
    const { status, stdout, stderr } = spawnSync(process.execPath, args, { encoding: 'utf8' });

    // Assess
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`Unknown option '--fast'; ${USAGE}\n`);
  });
});
