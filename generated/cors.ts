// Generated from the contract by `npm run generate`; never edit by hand.

/** The headers a page may read of an answer, besides the ones every browser shows (Access-Control-Expose-Headers). */
export const EXPOSED_HEADERS = "x-amzn-RequestId, X-Contract-Version";
