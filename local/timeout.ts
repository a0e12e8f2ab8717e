// The one deadline helper for the timers that race an invocation: the function's own timeout
// (Lambda ends the environment) and the integration's (API Gateway answers 504 and moves on).

export const TIMED_OUT = Symbol('timed out');

/** Whatever `work` settles to, or TIMED_OUT once `ms` has passed; the timer never outlives the race. */
export const withTimeout = async <T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, ms, TIMED_OUT);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
};
