// An answer checked against the contract with the validators npm run generate compiled: the check
// the contract tests, the gate, smoke and the monitor all rely on, so it must be able to fail.
import { describe, expect, it } from 'vitest';
import { CONTRACT_VERSION } from '../../generated/contract-version.ts';
import { responses } from '../../generated/validators.js';
import { handler } from '../../src/api/handler.ts';
import { responseProblems } from '../../src/shared/response-check.ts';
import { spoiledFields } from '../fixtures/spoiled/spoils.ts';
import { contract } from '../support/contract.ts';
import { exampleEvent, exampleOf, preflightOf } from '../support/examples.ts';
import { lambdaContext } from '../support/lambda-context.ts';

/** An operation, its answer to its example request, and the fields of that answer the contract requires and enumerates. */
const EXAMPLE = exampleOf();
const OPERATION = EXAMPLE.operationId;
const SUCCESS = JSON.parse((await handler(exampleEvent(EXAMPLE), lambdaContext())).body);
const { required, enumerated } = spoiledFields(contract, OPERATION);
const { [required]: _, ...withoutRequired } = SUCCESS;

const HEADERS = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  'X-Contract-Version': '1.2.0',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'x-amzn-RequestId, X-Contract-Version',
};
const ERROR = '{"status":"error","code":"INTERNAL","message":"m","requestId":"r"}';

describe('responseProblems', () => {
  it('finds nothing wrong with an answer the contract describes', () => {
    const success = { statusCode: EXAMPLE.status, headers: HEADERS, body: JSON.stringify(SUCCESS) };
    expect(responseProblems(OPERATION, success, responses)).toEqual([]);
    expect(responseProblems(OPERATION, { statusCode: 500, headers: HEADERS, body: ERROR }, responses)).toEqual([]);
  });

  it.each([
    [
      'a required field missing',
      EXAMPLE.status,
      HEADERS,
      JSON.stringify(withoutRequired),
      new RegExp(`must have required property '${required}'`),
    ],
    [
      'a value outside its enum',
      EXAMPLE.status,
      HEADERS,
      JSON.stringify({ ...SUCCESS, [enumerated]: 'a value outside the contract' }),
      new RegExp(`/${enumerated} must be equal to one of the allowed values`),
    ],
    ['a status the operation does not list', 418, HEADERS, '{}', /^status 418 is not in the contract$/],
    ['a body that is not JSON', 500, HEADERS, 'oops', /^body is not JSON$/],
    [
      'a content type the answer does not declare',
      500,
      { ...HEADERS, 'Content-Type': 'text/html' },
      ERROR,
      /content type "text\/html" is not declared for 500/,
    ],
    [
      'a declared header missing',
      500,
      { ...HEADERS, 'X-Contract-Version': undefined },
      ERROR,
      /header X-Contract-Version is missing/,
    ],
  ])('names %s', (_, statusCode, headers, body, problem) => {
    // Act
    const problems = responseProblems(OPERATION, { statusCode, headers, body }, responses);

    // Assess
    expect(problems).toContainEqual(expect.stringMatching(problem));
  });

  it('takes no body where the status declares none, as a preflight answer', () => {
    // Prepare: the preflight of the example's path, its headers the values its 204 declares (the
    // version served, and any origin where the stage's parameter sets it).
    const operationId = preflightOf(EXAMPLE);
    const { responses: declared } = contract.operation(operationId);
    const headers = Object.fromEntries(
      Object.entries(declared['204']?.headers ?? {}).map(([name, { schema }]) => [
        name,
        String(
          (schema as { enum?: unknown[] } | undefined)?.enum?.[0] ??
            (name === 'X-Contract-Version' ? CONTRACT_VERSION : '*'),
        ),
      ]),
    );

    // Act
    const answered = (body: string) => responseProblems(operationId, { statusCode: 204, headers, body }, responses);

    // Assess
    expect(answered('')).toEqual([]);
    expect(answered('{}')).toEqual(['a body, where the status declares none']);
  });

  it('names an operation the contract does not have', () => {
    expect(responseProblems('forget', { statusCode: 200, headers: HEADERS, body: '{}' }, responses)).toEqual([
      'the contract has no operation forget',
    ]);
  });
});
