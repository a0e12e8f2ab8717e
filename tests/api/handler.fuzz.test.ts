// Arbitrary and malformed events and contexts, sent to the composed handler: whatever arrives, it
// answers a proxy response the contract describes and discloses nothing of its insides.
// Replay a failure with the seed (and path) fast-check prints: FUZZ_SEED=… FUZZ_PATH=… npm test
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandler, handler } from '../../src/api/handler.ts';
import { INTERNAL_MESSAGE } from '../../src/shared/errors.ts';
import { contract } from '../support/contract.ts';
import { EXAMPLES, type Example, exampleEvent } from '../support/examples.ts';
import { failingImplementations } from '../support/failures.ts';
import { fuzzParameters } from '../support/fuzz.ts';
import { lambdaContext } from '../support/lambda-context.ts';

const ALL = fuzzParameters();
const QUARTER = fuzzParameters(1 / 4);
/** Time for the runs asked for (FUZZ_RUNS=20000 too), on a machine that may be busy: 15 ms a run, 30 s at least. */
const TIMEOUT_MS = Math.max(30_000, ALL.numRuns * 15);

/** What the function's own refusals and failures say, whatever went wrong: nothing of the input or the error. */
const KNOWN_MESSAGES: Record<string, string> = {
  INTERNAL: INTERNAL_MESSAGE,
  INVALID_EVENT: 'The function expects an API Gateway REST proxy event.',
};
/** What would betray the function's insides: a stack frame, a file path or URL, an exception's name. */
const LEAKS = [
  /\bat\s+\S+\s+\(/,
  /\bat\s+(file:|node:|\/)/,
  /file:\/\//,
  /node_modules/,
  /\/var\/task/,
  /\.[cm]?[jt]s:\d+/,
  /\b[A-Z]\w*Error\b/,
];

const hugeString = fc.constantFrom('x'.repeat(1 << 20), '\u{1F600}'.repeat(1 << 16), '\0'.repeat(4096));
const oddString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), hugeString);
const oddValue = fc.oneof(oddString, fc.anything(), fc.constant(null), fc.constant(undefined));
const headers = fc.oneof(fc.constant(null), fc.dictionary(oddString, oddValue), fc.anything());
const multiValue = fc.oneof(
  fc.constant(null),
  fc.dictionary(oddString, fc.oneof(fc.array(oddString), oddValue)),
  fc.anything(),
);

/** An operation's example, whose responses judge the answer to its event however it was spoiled. */
const anExample = fc.constantFrom(...EXAMPLES);

/** An operation's example event with any part missing, mistyped, huge or strange. */
const malformedEvent = fc
  .tuple(
    anExample,
    fc.record(
      {
        resource: oddValue,
        path: oddValue,
        httpMethod: oddValue,
        headers,
        multiValueHeaders: multiValue,
        queryStringParameters: headers,
        multiValueQueryStringParameters: multiValue,
        pathParameters: headers,
        stageVariables: headers,
        requestContext: fc.oneof(
          oddValue,
          fc.record(
            { requestId: fc.oneof(fc.uuid(), oddValue), stage: oddValue, identity: fc.anything() },
            { requiredKeys: [] },
          ),
        ),
        body: fc.oneof(fc.constant(null), oddString, fc.json(), fc.anything()),
        isBase64Encoded: fc.anything(),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([example, parts]) => ({ example, event: { ...exampleEvent(example), ...parts } }));

/** Anything at all, judged by an operation's responses: every one lists what answers an event that is no proxy event. */
const anyEvent = fc.oneof(
  malformedEvent,
  fc.tuple(anExample, fc.oneof(fc.anything(), fc.object())).map(([example, event]) => ({ example, event })),
  anExample.map((example) => ({ example, event: exampleEvent(example) })),
);

/** A Lambda context with any of its fields missing or mistyped, or no context at all. */
const anyContext = fc.oneof(
  fc
    .record({
      drop: fc.subarray([
        'awsRequestId',
        'functionName',
        'functionVersion',
        'invokedFunctionArn',
        'memoryLimitInMB',
        'getRemainingTimeInMillis',
        'logGroupName',
      ]),
      replace: fc.dictionary(fc.constantFrom('awsRequestId', 'functionName', 'memoryLimitInMB'), fc.anything()),
    })
    .map(({ drop, replace }) => {
      const context: Record<string, unknown> = { ...lambdaContext(), ...replace };
      for (const key of drop) delete context[key];
      return context;
    }),
  fc.object(),
  fc.constant({}),
);

/** The invariants every answer keeps, whatever the input: the example's operation's responses judge it. */
const expectContractAnswer = ({ operationId }: Example, response: unknown) => {
  expect(response).toMatchObject({ statusCode: expect.any(Number), body: expect.any(String) });
  const {
    statusCode,
    headers: responseHeaders,
    body,
  } = response as { statusCode: number; headers: Record<string, string>; body: string };
  expect(contract.statusesOf(operationId)).toContain(statusCode);
  expect(contract.checkResponse(operationId, { statusCode, headers: responseHeaders, body })).toEqual({
    valid: true,
    errors: [],
  });
  for (const leak of LEAKS) expect(body).not.toMatch(leak);
  const parsed = JSON.parse(body);
  // An operation's own refusals (a 404, say) say what it wrote; the leaks above cover them.
  if (parsed.code in KNOWN_MESSAGES) expect(parsed.message).toBe(KNOWN_MESSAGES[parsed.code]);
  if (statusCode === 500) expect(parsed).toMatchObject({ code: 'INTERNAL', message: INTERNAL_MESSAGE });
};

describe('handler under fuzzing', { timeout: TIMEOUT_MS }, () => {
  it(`answers any event and context per the contract, disclosing nothing (${ALL.numRuns} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(anyEvent, anyContext, async ({ example, event }, context) => {
        // Act
        const response = await handler(event as never, context as never);

        // Assess
        expectContractAnswer(example, response);
      }),
      ALL,
    );
  });

  it(`answers 500 with the fallback body, whatever a failing implementation throws (${QUARTER.numRuns} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), malformedEvent, async (thrown, { example, event }) => {
        // Prepare: every implementation throws anything at all (an Error, a string, null…).
        const failing = createHandler(failingImplementations(thrown));

        // Act
        const response = await failing(event as never, lambdaContext());

        // Assess
        expectContractAnswer(example, response);
        const { statusCode } = response as { statusCode: number };
        expect([400, 500]).toContain(statusCode);
      }),
      QUARTER,
    );
  });
});
