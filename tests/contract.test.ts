// Every body the handler produces, checked against the schemas compiled from openapi.yaml.
import { describe, expect, it } from 'vitest';
import { createHandler, handler } from '../src/api/handler.ts';
import { contract } from './support/contract.ts';
import { meditateEvent } from './support/events.ts';
import { lambdaContext } from './support/lambda-context.ts';

describe('contract: meditate', () => {
  it('is the operation POST /', () => {
    const { path, method } = contract.operation('meditate');
    expect({ path, method }).toEqual({ path: '/', method: 'POST' });
  });

  it('answers 200 with a body and headers the contract describes', async () => {
    const response = await handler(meditateEvent(), lambdaContext());
    expect(response.statusCode).toBe(200);
    expect(contract.checkResponse('meditate', response)).toEqual({ valid: true, errors: [] });
  });

  it("answers 500 with the contract's error body", async () => {
    const failing = createHandler({
      randomInt: () => {
        throw new Error('boom');
      },
    });
    const response = await failing(meditateEvent(), lambdaContext());
    expect(response.statusCode).toBe(500);
    expect(contract.checkResponse('meditate', response)).toEqual({ valid: true, errors: [] });
  });

  it("answers 400 to a malformed event with the contract's error body", async () => {
    const response = await handler({}, lambdaContext());
    expect(response.statusCode).toBe(400);
    expect(contract.checkResponse('meditate', response)).toEqual({ valid: true, errors: [] });
  });

  it('rejects a body the contract does not describe', () => {
    // The check itself must be able to fail, or the tests above prove nothing.
    const extraField = {
      statusCode: 200,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
      body: '{"status":"success","meditation":"x","extra":1}',
    };
    const wrongStatus = { ...extraField, statusCode: 418, body: '{}' };
    const errorAsSuccess = {
      ...extraField,
      body: '{"status":"error","code":"INTERNAL","message":"m","requestId":"r"}',
    };
    expect(contract.checkResponse('meditate', extraField).valid).toBe(false);
    expect(contract.checkResponse('meditate', wrongStatus).valid).toBe(false);
    expect(contract.checkResponse('meditate', errorAsSuccess).valid).toBe(false);
  });
});
