// FUZZ_RUNS, FUZZ_SEED and FUZZ_PATH, as docs/testing.md offers them: any positive integer runs the
// property tests to the end, a share of it at least once; a failure replays from its seed and path.
import { describe, expect, it } from 'vitest';
import { fuzzParametersFrom } from './support/fuzz.ts';

describe('FUZZ_RUNS', () => {
  it('runs 2,000 cases by default', () => {
    expect(fuzzParametersFrom({})().numRuns).toBe(2000);
  });

  it('gives each property its share of a count that is not a multiple of four, rounded', () => {
    const parameters = fuzzParametersFrom({ FUZZ_RUNS: '7' });
    expect(parameters().numRuns).toBe(7);
    expect(parameters(1 / 4).numRuns).toBe(2);
  });

  it('runs a property at least once, however small its share', () => {
    expect(fuzzParametersFrom({ FUZZ_RUNS: '1' })(1 / 4).numRuns).toBe(1);
  });

  it.each(['1.5', '0', '-3', 'many', ''])('refuses %j, naming FUZZ_RUNS', (runs) => {
    expect(() => fuzzParametersFrom({ FUZZ_RUNS: runs })).toThrow(
      `FUZZ_RUNS must be a positive integer, not "${runs}"`,
    );
  });

  it('replays a failure from the seed and path fast-check printed', () => {
    expect(fuzzParametersFrom({ FUZZ_SEED: '-1234', FUZZ_PATH: '3:1:0' })()).toEqual({
      numRuns: 2000,
      seed: -1234,
      path: '3:1:0',
    });
  });
});
