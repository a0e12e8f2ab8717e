// POST / (operationId `meditate`) and its pure domain (src/domain/meditate.ts): the seven
// meditations the contract lists, each drawn fairly, the request's body ignored, and answers that
// vary as the contract's x-varies says. This file goes with the operation: the infrastructure's
// tests take their requests from the contract's examples and never assume this one.
import { describe, expect, it } from 'vitest';
import { BATTERY } from '../../../generated/battery.ts';
import { responses } from '../../../generated/validators.js';
import { createHandler, handler } from '../../../src/api/handler.ts';
import { MEDITATIONS, meditate } from '../../../src/domain/meditate.ts';
import { runBattery, VARIETY_BATCH } from '../../../src/shared/battery/run.ts';
import { invocationSender } from '../../../src/shared/battery/senders.ts';
import { contract } from '../../support/contract.ts';
import { proxyEvent } from '../../support/events.ts';
import { PROJECT_TEMPLATE } from '../../support/http.ts';
import { inProcessGateway } from '../../support/in-process.ts';
import { lambdaContext } from '../../support/lambda-context.ts';

/** The event API Gateway sends for POST /. */
const meditateEvent = (requestId?: string) => proxyEvent({ method: 'POST', resource: '/', path: '/' }, requestId);
const meditationOf = (response: { body: string }) => JSON.parse(response.body).meditation;

describe('meditate: the domain', () => {
  it('answers the meditation at the index the random source draws', () => {
    MEDITATIONS.forEach((expected, index) => {
      // Prepare
      const draws: number[] = [];
      const randomInt = (max: number) => {
        draws.push(max);
        return index;
      };

      // Act
      const result = meditate(randomInt);

      // Assess
      expect(result).toEqual({ status: 'success', meditation: expected });
      expect(draws).toEqual([7]);
    });
  });

  it("lists exactly the contract's seven meditations", () => {
    const schema = contract.document.components?.schemas?.Meditation as {
      properties: { meditation: { enum: string[] } };
    };
    expect([...MEDITATIONS].sort()).toEqual([...schema.properties.meditation.enum].sort());
  });

  it('keeps the seven meditations verbatim', () => {
    expect(MEDITATIONS).toEqual([
      'off to a regex/',
      'the count of machines abides',
      "you wouldn't fax a bat",
      'HAZARDOUS CHEMICALS + RKELLY',
      'your solution requires a blood eagle',
      "testing is broken because I'm lazy",
      'did u mention banana cognac shower',
    ]);
  });

  it('refuses a random source that draws outside the list', () => {
    expect(() => meditate(() => 7)).toThrow(RangeError);
    expect(() => meditate(() => -1)).toThrow(RangeError);
  });
});

describe('meditate: the operation', () => {
  it('answers 200 with one of the seven meditations, per the contract', async () => {
    // Act
    const response = await handler(meditateEvent(), lambdaContext());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(MEDITATIONS).toContain(meditationOf(response));
    expect(contract.checkResponse('meditate', response)).toEqual({ valid: true, errors: [] });
  });

  it('draws from crypto.randomInt by default, reaching all seven meditations', async () => {
    // Act: 7 × (6/7)^500 ≈ 1e-32 is the chance that a fair pick misses one of the seven.
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(meditationOf(await handler(meditateEvent(), lambdaContext())));

    // Assess
    expect([...seen].sort()).toEqual([...MEDITATIONS].sort());
  });

  it('answers with the meditation the injected random source picks', async () => {
    // Prepare
    const pickThird = createHandler({ dependencies: { randomInt: () => 2 } });

    // Act
    const response = await pickThird(meditateEvent(), lambdaContext());

    // Assess
    expect(JSON.parse(response.body)).toEqual({ status: 'success', meditation: "you wouldn't fax a bat" });
  });

  it('answers 500 INTERNAL when the random source fails, disclosing nothing of it', async () => {
    // Prepare
    const failing = createHandler({
      dependencies: {
        randomInt: () => {
          throw new Error('entropy pool exhausted at /var/task/secret/path.js');
        },
      },
    });

    // Act
    const response = await failing(meditateEvent('req-500'), lambdaContext());

    // Assess
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'INTERNAL', requestId: 'req-500' });
    expect(response.body).not.toMatch(/entropy|\/var\/task/);
    expect(contract.checkResponse('meditate', response)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    ['malformed JSON', 'application/json', '{"meditation": '],
    ['a wrong Content-Type', 'text/html', '<script>alert(1)</script>'],
    ['invalid UTF-8', 'application/json; charset=utf-8', Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe])],
    ['a JSON body asking for a meditation', 'application/json', '{"meditation":"mine"}'],
  ])('ignores a body of %s, as the contract says (the request takes none)', async (_, contentType, body) => {
    // Prepare
    const gateway = inProcessGateway(PROJECT_TEMPLATE, { MeditationsFunction: handler });

    // Act
    const answer = await gateway.inject({ method: 'POST', path: '/', headers: { 'Content-Type': contentType }, body });

    // Assess
    expect(answer.statusCode).toBe(200);
    const response = { statusCode: answer.statusCode, headers: answer.headers, body: answer.body.toString() };
    expect(contract.checkResponse('meditate', response)).toEqual({ valid: true, errors: [] });
  });
});

describe('meditate: answers that vary (x-varies)', () => {
  const example = BATTERY.probes.find(({ kind, operationId }) => kind === 'example' && operationId === 'meditate')!;
  /** The battery's run of POST / alone: a batch of VARIETY_BATCH, whose meditations must differ. */
  const runOnce = (answer: typeof handler) =>
    runBattery({
      battery: { plan: BATTERY, validators: responses },
      probes: [example],
      send: invocationSender({ stage: 'v1', userAgent: 'meditate-test' }, async (event) => ({
        payload: await answer(event, lambdaContext()),
      })),
      deadlineMs: 10_000,
      // One invocation at a time, as one execution environment runs them.
      parallelism: 1,
    });

  it('is probed in batches, since the contract says the meditation varies', () => {
    expect(example.varies).toEqual(['meditation']);
  });

  it('passes the variety check with a fair pick, and fails it when every pick is the same', async () => {
    // Act
    const fair = await runOnce(handler);
    const stuck = await runOnce(createHandler({ dependencies: { randomInt: () => 0 } }));

    // Assess
    expect(fair.failures).toEqual([]);
    expect(stuck.failures).toEqual([
      {
        probe: "meditate: the contract's example request",
        check: 'variety',
        problem: `${VARIETY_BATCH} answers all carried the same meditation`,
      },
    ]);
  });
});
