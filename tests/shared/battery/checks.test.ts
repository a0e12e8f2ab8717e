// What is checked of each answer to the battery (src/shared/battery/checks.ts): the status and code
// the probe expects, the contract, the headers every answer carries, and the request id.
import { describe, expect, it } from 'vitest';
import { answerFailures } from '../../../src/shared/battery/checks.ts';
import { answered, ECHO_BATTERY, echoProbe } from '../../support/battery.ts';

describe('answerFailures', () => {
  it('finds nothing wrong with the answer the probe expects', () => {
    expect(answerFailures(echoProbe(), answered(200, { word: 'hi' }), ECHO_BATTERY)).toEqual([]);
  });

  it('names a status other than the expected one, with what was received and the request id', () => {
    // Act
    const failures = answerFailures(echoProbe(), answered(400, { code: 'NOPE' }), ECHO_BATTERY);

    // Assess
    expect(failures).toEqual([
      {
        probe: "echo: the contract's example request",
        check: 'expected answer',
        problem: 'status 400, expected 200',
        status: 400,
        requestId: 'req-1',
        received: '{"code":"NOPE"}',
      },
    ]);
  });

  it('names an error code other than the expected one', () => {
    const probe = echoProbe({ expect: { status: 400, code: 'BAD_REQUEST_BODY' } });

    const failures = answerFailures(probe, answered(400, { code: 'THROTTLED' }), ECHO_BATTERY);

    expect(failures.map(({ check, problem }) => [check, problem])).toEqual([
      ['expected answer', 'code THROTTLED, expected BAD_REQUEST_BODY'],
    ]);
  });

  it('names each way the answer breaks the contract', () => {
    const failures = answerFailures(
      echoProbe(),
      answered(200, { said: 'hi' }, { headers: { 'X-Contract-Version': '' } }),
      ECHO_BATTERY,
    );

    expect(failures.map(({ check, problem }) => [check, problem])).toEqual([
      ['contract', "(root) must have required property 'word'"],
      ['contract', 'header X-Contract-Version is "": must be a version'],
    ]);
  });

  it('names a header every answer carries that is missing or different', () => {
    const failures = answerFailures(
      echoProbe(),
      answered(200, { word: 'hi' }, { headers: { 'Cache-Control': 'max-age=60' } }),
      ECHO_BATTERY,
    );

    expect(failures.map(({ check, problem }) => [check, problem])).toEqual([
      ['headers', 'Cache-Control is "max-age=60", expected "no-store"'],
    ]);
  });

  it("names a missing request id, and a body's requestId that is not the header's", () => {
    // Act
    const missing = answerFailures(echoProbe(), answered(200, { word: 'hi' }, { requestId: undefined }), ECHO_BATTERY);
    const different = answerFailures(
      echoProbe({ expect: { status: 400 } }),
      answered(400, { code: 'X', requestId: 'other' }, { requestId: 'req-1' }),
      ECHO_BATTERY,
    );

    // Assess
    expect(missing.map(({ problem }) => problem)).toEqual(['x-amzn-RequestId is missing']);
    expect(different.map(({ problem }) => problem)).toEqual([
      "the body's requestId other differs from x-amzn-RequestId req-1",
    ]);
  });

  it('asks no request id of an event that was no request', () => {
    const probe = echoProbe({ kind: 'not-a-proxy-event', request: undefined, expect: { status: 400 } });

    expect(
      answerFailures(probe, answered(400, { code: 'INVALID_EVENT' }, { requestId: undefined }), ECHO_BATTERY),
    ).toEqual([]);
  });
});
