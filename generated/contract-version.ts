// Generated from the contract by `npm run generate`; never edit by hand.

/** openapi.yaml's info.version: the version of the contract every answer says it serves (X-Contract-Version). */
export const CONTRACT_VERSION = "1.2.0";
