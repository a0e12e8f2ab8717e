// fast-check settings from the environment: FUZZ_RUNS (any positive integer), and FUZZ_SEED and
// FUZZ_PATH to replay a failure exactly as fast-check printed it.

type FuzzEnvironment = Partial<Record<'FUZZ_RUNS' | 'FUZZ_SEED' | 'FUZZ_PATH', string>>;

/** fast-check's parameters for a property that takes `share` of the runs, read from `environment`. */
export const fuzzParametersFrom = (environment: FuzzEnvironment) => {
  const text = environment.FUZZ_RUNS ?? '2000';
  if (!/^[1-9]\d*$/.test(text)) throw new Error(`FUZZ_RUNS must be a positive integer, not "${text}"`);
  const runs = Number(text);
  return (share = 1) => ({
    numRuns: Math.max(1, Math.round(runs * share)),
    ...(environment.FUZZ_SEED !== undefined && { seed: Number(environment.FUZZ_SEED) }),
    ...(environment.FUZZ_PATH !== undefined && { path: environment.FUZZ_PATH }),
  });
};

/** fast-check's parameters for a property that takes `share` of FUZZ_RUNS (at least one run). */
export const fuzzParameters = fuzzParametersFrom(process.env);
