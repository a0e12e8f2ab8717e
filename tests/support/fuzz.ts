// fast-check settings from the environment: FUZZ_RUNS (any positive integer), and FUZZ_SEED and
// FUZZ_PATH to replay a failure exactly as fast-check printed it.

const runs = (() => {
  const text = process.env.FUZZ_RUNS ?? '2000';
  if (!/^[1-9]\d*$/.test(text)) throw new Error(`FUZZ_RUNS must be a positive integer, not "${text}"`);
  return Number(text);
})();

/** fast-check's parameters for a property that takes `share` of FUZZ_RUNS (at least one run). */
export const fuzzParameters = (share = 1) => ({
  numRuns: Math.max(1, Math.round(runs * share)),
  ...(process.env.FUZZ_SEED !== undefined && { seed: Number(process.env.FUZZ_SEED) }),
  ...(process.env.FUZZ_PATH !== undefined && { path: process.env.FUZZ_PATH }),
});
