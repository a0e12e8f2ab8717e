import { describe, expect, it } from 'vitest';
import { createHandler, handler } from '../../src/api/handler.ts';
import { MEDITATIONS } from '../../src/domain/meditate.ts';
import { contract } from '../support/contract.ts';
import { meditateEvent } from '../support/events.ts';
import { lambdaContext } from '../support/lambda-context.ts';

const failingRandomInt = () => {
  throw new Error('entropy pool exhausted at /var/task/secret/path.js');
};

describe('handler', () => {
  it('answers 200 with a meditation, as JSON that no cache keeps', async () => {
    // Act
    const response = await handler(meditateEvent(), lambdaContext());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    const body = JSON.parse(response.body);
    expect(body.status).toBe('success');
    expect(MEDITATIONS).toContain(body.meditation);
    expect(contract.checkResponse('meditate', response)).toEqual({ valid: true, errors: [] });
  });

  it('draws from crypto.randomInt by default, reaching all seven meditations', async () => {
    // Act: 7 × (6/7)^500 ≈ 1e-32 is the chance that a fair pick misses one of the seven.
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++)
      seen.add(JSON.parse((await handler(meditateEvent(), lambdaContext())).body).meditation);

    // Assess
    expect([...seen].sort()).toEqual([...MEDITATIONS].sort());
  });

  it('answers with the meditation the injected random source picks', async () => {
    // Prepare
    const pickThird = createHandler({ randomInt: () => 2 });

    // Act
    const response = await pickThird(meditateEvent(), lambdaContext());

    // Assess
    expect(JSON.parse(response.body)).toEqual({ status: 'success', meditation: "you wouldn't fax a bat" });
  });

  it('answers 500 with the error body when picking a meditation fails, disclosing nothing', async () => {
    // Prepare
    const failing = createHandler({ randomInt: failingRandomInt });
    const event = meditateEvent('req-500');

    // Act
    const response = await failing(event, lambdaContext());

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    expect(JSON.parse(response.body)).toEqual({
      status: 'error',
      code: 'INTERNAL',
      message: 'The meditation could not be served. Quote the requestId when reporting this.',
      requestId: 'req-500',
    });
    expect(response.body).not.toMatch(/entropy|\/var\/task|at .*\.js|Error/);
    expect(contract.checkResponse('meditate', response)).toEqual({ valid: true, errors: [] });
  });

  it('keeps serving after a failure', async () => {
    // Prepare
    let calls = 0;
    const failsOnce = createHandler({
      randomInt: () => {
        calls += 1;
        if (calls === 1) throw new Error('transient');
        return 0;
      },
    });

    // Act
    const first = await failsOnce(meditateEvent(), lambdaContext());
    const second = await failsOnce(meditateEvent(), lambdaContext());

    // Assess
    expect(first.statusCode).toBe(500);
    expect(second.statusCode).toBe(200);
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
    expect(contract.checkResponse('meditate', response)).toEqual({ valid: true, errors: [] });
  });
});
