// bench/example.ts: what the benchmark sends is the contract's first example request, as an event
// the function answers with the operation's success, and as the HTTP request the runner serves.
import { describe, expect, it } from 'vitest';
import { benchEvent, benchHttpRequest } from '../../bench/example.ts';
import { handler } from '../../src/api/handler.ts';
import { contract } from '../support/contract.ts';
import { firstExample, targetOf } from '../support/examples.ts';
import { withTestApi } from '../support/http.ts';
import { lambdaContext } from '../support/lambda-context.ts';

describe("the bench's request", () => {
  it("is the contract's first example as API Gateway hands it to the function, which answers it as the contract says", async () => {
    // Prepare
    const { operationId, request, status } = firstExample();

    // Act
    const event = benchEvent('v1');
    const answer = await handler(event, lambdaContext());

    // Assess
    expect(event).toMatchObject({ httpMethod: request.method, path: request.path, resource: request.resource });
    expect(event.requestContext).toMatchObject({ stage: 'v1', path: `/v1${request.path}` });
    expect(answer.statusCode).toBe(status);
    const received = { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: answer.body };
    expect(contract.checkResponse(operationId, received).errors).toEqual([]);
  });

  it('is answered by the runner as the contract says, sent at its root as autocannon sends it', async () => {
    await withTestApi({}, async (api) => {
      // Prepare
      const { operationId, status } = firstExample();
      const { path, ...init } = benchHttpRequest();

      // Act
      const response = await fetch(`${api.url}${path}`, init);

      // Assess
      expect(`${api.url}${path}`).toBe(targetOf(firstExample(), api.url));
      expect(response.status).toBe(status);
      const received = {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      };
      expect(contract.checkResponse(operationId, received).errors).toEqual([]);
    });
  });
});
