// An answer checked against the contract with the validators npm run generate compiled: the check
// the contract tests, the gate, smoke and the monitor all rely on, so it must be able to fail.
import { describe, expect, it } from 'vitest';
import { responses } from '../../generated/validators.js';
import { responseProblems } from '../../src/shared/response-check.ts';

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
    expect(responseProblems('meditate', { statusCode: 500, headers: HEADERS, body: ERROR }, responses)).toEqual([]);
  });

  it.each([
    [
      'a field the schema does not list',
      200,
      HEADERS,
      '{"status":"success","meditation":"x","extra":1}',
      /must NOT have additional properties/,
    ],
    ['a status the operation does not list', 418, HEADERS, '{}', /^status 418 is not in the contract$/],
    ['an error body on a 200', 200, HEADERS, ERROR, /must have required property 'meditation'/],
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
    const problems = responseProblems('meditate', { statusCode, headers, body }, responses);

    // Assess
    expect(problems).toContainEqual(expect.stringMatching(problem));
  });

  it('takes no body where the status declares none, as a preflight answer', () => {
    const preflight = {
      ...HEADERS,
      'Access-Control-Allow-Methods': 'OPTIONS,POST',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '7200',
      'X-Content-Type-Options': 'nosniff',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    };

    expect(responseProblems('preflight', { statusCode: 204, headers: preflight, body: '' }, responses)).toEqual([]);
    expect(responseProblems('preflight', { statusCode: 204, headers: preflight, body: '{}' }, responses)).toEqual([
      'a body, where the status declares none',
    ]);
  });

  it('names an operation the contract does not have', () => {
    expect(responseProblems('forget', { statusCode: 200, headers: HEADERS, body: '{}' }, responses)).toEqual([
      'the contract has no operation forget',
    ]);
  });
});
