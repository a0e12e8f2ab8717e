// The function's handler, whatever the contract's operations: each operation's example request
// answered as the contract says, and a failure or an event that is no proxy event answered with
// the error body, disclosing nothing.
import { describe, expect, it } from 'vitest';
import type { Implementation } from '../../src/api/dispatch.ts';
import { createHandler, handler } from '../../src/api/handler.ts';
import { type Dependencies, implementations } from '../../src/api/operations/index.ts';
import { INTERNAL_MESSAGE } from '../../src/shared/errors.ts';
import { contract } from '../support/contract.ts';
import { EXAMPLES, exampleEvent, exampleOf, operationListing } from '../support/examples.ts';
import { failingImplementations } from '../support/failures.ts';
import { lambdaContext } from '../support/lambda-context.ts';

describe('handler', () => {
  it.each(EXAMPLES.map((example) => [example.operationId, example] as const))(
    "answers %s's example request with its success, as JSON that no cache keeps, per the contract",
    async (operationId, example) => {
      // Act
      const response = await handler(exampleEvent(example), lambdaContext());

      // Assess
      expect(response.statusCode).toBe(example.status);
      expect(response.headers).toMatchObject({
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      expect(contract.checkResponse(operationId, response)).toEqual({ valid: true, errors: [] });
    },
  );

  it('answers 500 with the error body when an implementation fails, disclosing nothing', async () => {
    // Prepare
    const failing = createHandler(failingImplementations(new Error('pool exhausted at /var/task/secret/path.js')));
    const example = exampleOf();

    // Act
    const response = await failing(exampleEvent(example, 'req-500'), lambdaContext());

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    expect(JSON.parse(response.body)).toEqual({
      status: 'error',
      code: 'INTERNAL',
      message: INTERNAL_MESSAGE,
      requestId: 'req-500',
    });
    expect(response.body).not.toMatch(/exhausted|\/var\/task|at .*\.js|Error/);
    expect(contract.checkResponse(example.operationId, response)).toEqual({ valid: true, errors: [] });
  });

  it('keeps serving after a failure', async () => {
    // Prepare: the operation's own implementation, failing on its first call only.
    const example = exampleOf();
    const own = (implementations as Record<string, Implementation<Dependencies>>)[example.operationId]!;
    let calls = 0;
    const failsOnce = createHandler({
      implementations: {
        [example.operationId]: async (event, dependencies) => {
          calls += 1;
          if (calls === 1) throw new Error('transient');
          return own(event, dependencies);
        },
      },
    });

    // Act
    const first = await failsOnce(exampleEvent(example), lambdaContext());
    const second = await failsOnce(exampleEvent(example), lambdaContext());

    // Assess
    expect(first.statusCode).toBe(500);
    expect(second.statusCode).toBe(example.status);
  });

  it("answers 400 INVALID_EVENT with Lambda's request id to an event that is not a proxy event", async () => {
    // Prepare
    const context = lambdaContext({ awsRequestId: 'lambda-req-1' });

    // Act
    const response = await handler({ hello: 'world' }, context);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      status: 'error',
      code: 'INVALID_EVENT',
      message: 'The function expects an API Gateway REST proxy event.',
      requestId: 'lambda-req-1',
    });
    expect(contract.checkResponse(operationListing(400), response)).toEqual({ valid: true, errors: [] });
  });
});
