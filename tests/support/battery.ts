// A small contract battery of its own for the battery's unit tests: one operation, `echo`, whose
// answers are 200 `{"word": <string>}` or 400 `{"code": <string>}`, with validators written as
// plain functions (the shape npm run generate's take), so that no test depends on this API's operations.
import type { Validator } from '../../generated/validators.js';
import type { ContractBattery, Outcome } from '../../src/shared/battery/checks.ts';
import type { PlannedProbe } from '../../src/shared/battery/plan.ts';

/** A validator that accepts what `accepts` does, and says `message` otherwise. */
const validator = (accepts: (data: unknown) => boolean, message: string): Validator => {
  const validate: Validator = (data) => {
    const valid = accepts(data);
    validate.errors = valid ? null : [{ instancePath: '', message }];
    return valid;
  };
  return validate;
};

const isObjectWith = (field: string) => (data: unknown) =>
  typeof data === 'object' && data !== null && typeof (data as Record<string, unknown>)[field] === 'string';

const VERSION_HEADER = validator((value) => typeof value === 'string' && value !== '', 'must be a version');

export const ECHO_BATTERY: ContractBattery = {
  plan: { contractVersion: '2.0.0', headersOnEveryAnswer: { 'Cache-Control': 'no-store' }, probes: [] },
  validators: {
    echo: {
      '200': {
        body: { 'application/json': validator(isObjectWith('word'), "must have required property 'word'") },
        headers: { 'X-Contract-Version': VERSION_HEADER },
      },
      '400': {
        body: { 'application/json': validator(isObjectWith('code'), "must have required property 'code'") },
        headers: { 'X-Contract-Version': VERSION_HEADER },
      },
    },
  },
};

/** A probe of `echo`, its example request answered 200 unless `overrides` say otherwise. */
export const echoProbe = (overrides: Partial<PlannedProbe> = {}): PlannedProbe => ({
  kind: 'example',
  name: "echo: the contract's example request",
  operationId: 'echo',
  request: { method: 'POST', path: '/echo', query: '', headers: {}, body: '{"word":"hi"}', resource: '/echo' },
  expect: { status: 200 },
  answeredBy: 'function',
  ...overrides,
});

/** An answer as a client receives it, with the headers every answer of ECHO_BATTERY carries. */
export const answered = (
  statusCode: number,
  body: unknown,
  options: { headers?: Record<string, string>; requestId?: string | undefined } = {},
): Extract<Outcome, { answer: unknown }> => {
  const { headers = {} } = options;
  // An explicit undefined says the answer came without x-amzn-RequestId.
  const requestId = 'requestId' in options ? options.requestId : 'req-1';
  return {
    answer: {
      statusCode,
      headers: {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'X-Contract-Version': '2.0.0',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    requestId,
  };
};
