// Stage throttling as API Gateway applies it: a token bucket holding `burstLimit` tokens, refilled
// at `rateLimit` per second; a request that finds it empty is answered 429.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html

export interface TokenBucket {
  /** Takes a token if one is left. */
  tryTake: () => boolean;
}

/** A token bucket; `now` is injectable so tests need no clock. */
export const tokenBucket = (
  { rateLimit, burstLimit }: { rateLimit: number; burstLimit: number },
  now: () => number = performance.now.bind(performance),
): TokenBucket => {
  let tokens = burstLimit;
  let refilledAt = now();
  return {
    tryTake: () => {
      const at = now();
      tokens = Math.min(burstLimit, tokens + ((at - refilledAt) / 1000) * rateLimit);
      refilledAt = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
};
