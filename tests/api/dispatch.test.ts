// Dispatch by operationId: API Gateway's httpMethod and resource name the operation, and only an
// implementation of that operation answers it; anything else is a misconfiguration, never an answer.
// The composed handler answers, as in Lambda; the routing itself is src/api/dispatch.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INTERNAL_MESSAGE } from '../../src/shared/errors.ts';
import { proxyEvent } from '../support/events.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { type CapturedOutput, captureOutput } from '../support/output.ts';

const freshModules = async () => {
  vi.resetModules();
  return {
    ...(await import('../../src/api/handler.ts')),
    ...(await import('../../src/api/run-operation.ts')),
    ...(await import('../../src/api/dispatch.ts')),
  };
};

/** An event API Gateway would send for `method resource`. */
const eventFor = (method: string, resource: string) =>
  proxyEvent({ method, resource, path: resource }, 'gateway-req-1');

describe('dispatch', () => {
  let output: CapturedOutput;

  beforeEach(() => {
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    output = captureOutput();
  });

  afterEach(() => {
    output.restore();
    vi.unstubAllEnvs();
  });

  it('answers each operation with its own implementation, chosen by httpMethod and resource', async () => {
    // Prepare: two operations, one with a path parameter.
    const { compose, runOperation, dispatch } = await freshModules();
    const table = { 'POST /items': 'addItem', 'GET /items/{id}': 'getItem' };
    const route = dispatch(table, {
      addItem: async () => ({ statusCode: 200, body: { answer: 'addItem' } }),
      getItem: async (event) => ({ statusCode: 200, body: { answer: event.pathParameters?.id } }),
    });
    const handler = compose(runOperation(route, {}));

    // Act
    const post = await handler(eventFor('POST', '/items'), lambdaContext());
    const get = await handler(
      proxyEvent({ method: 'GET', resource: '/items/{id}', path: '/items/3', pathParameters: { id: '3' } }),
      lambdaContext(),
    );

    // Assess
    expect(JSON.parse(post.body)).toEqual({ answer: 'addItem' });
    expect(JSON.parse(get.body)).toEqual({ answer: '3' });
    expect(
      output
        .logs()
        .filter((line) => line.message === 'Received request')
        .map((line) => line.operation),
    ).toEqual(['addItem', 'getItem']);
  });

  it.each([
    [
      'an operation the contract does not have',
      'GET',
      '/not-in-the-contract',
      /No operation of the contract is GET \/not-in-the-contract/,
    ],
    [
      'an operation of the contract that nothing implements',
      'DELETE',
      '/forgotten',
      /implements no operation forget \(DELETE \/forgotten\)/,
    ],
  ])(
    'answers %s with 500 and the contract error body, logged at ERROR naming it',
    async (_, method, resource, logged) => {
      // Prepare: the project's own composition and implementations, and its table with one operation more.
      const { compose, runOperation, dispatch } = await freshModules();
      const { implementations, dependencies } = await import('../../src/api/operations/index.ts');
      const { OPERATIONS } = await import('../../src/shared/contract.ts');
      const route = dispatch({ ...OPERATIONS, 'DELETE /forgotten': 'forget' }, implementations);
      const handler = compose(runOperation(route, dependencies));

      // Act
      const response = await handler(eventFor(method, resource), lambdaContext());

      // Assess
      expect(response.statusCode).toBe(500);
      expect(JSON.parse(response.body)).toEqual({
        status: 'error',
        code: 'INTERNAL',
        message: INTERNAL_MESSAGE,
        requestId: 'gateway-req-1',
      });
      const errors = output.logs().filter((line) => line.level === 'ERROR');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ error: { message: expect.stringMatching(logged) } });
      expect(output.logs().some((line) => line.message === 'Received request')).toBe(false);
    },
  );

  it('routes an event that is not a proxy event nowhere: a 400 INVALID_EVENT for the client', async () => {
    // Prepare
    const { dispatch } = await freshModules();
    const route = dispatch({ 'POST /items': 'addItem' }, { addItem: async () => ({ statusCode: 200, body: {} }) });

    // Act and assess: no request id, or no method and resource, is no proxy event.
    for (const event of [
      { ...eventFor('POST', '/items'), requestContext: {} },
      { requestContext: { requestId: 'r-1' } },
      [],
    ]) {
      expect(() => route(event)).toThrow(expect.objectContaining({ statusCode: 400, code: 'INVALID_EVENT' }));
    }
  });
});
