// What the gate checks of each answer, as API Gateway would pass it on: the invocation succeeded,
// the result is a well-formed proxy response, and the contract allows its status, content type,
// headers (Cache-Control: no-store) and body (a meditation is one of the seven), all with the
// validators generated from openapi.yaml.
import { responses } from '../../generated/validators.js';
import { proxyAnswer } from '../apigateway/proxy-response.ts';
import { answerProblems } from '../response-check.ts';
import type { Probe } from './battery.ts';

/** What an invocation of the version returned: Lambda's FunctionError, if any, and the payload. */
export interface Invocation {
  functionError?: string | undefined;
  payload: unknown;
}

/** A check that failed: which probe, which check, the status seen, and why. */
export interface Failure {
  probe: string;
  check: 'invocation' | 'proxy response' | 'contract' | 'expected answer' | 'variety' | 'deadline';
  status?: number;
  problem: string;
}

/** One field of a JSON object body; undefined when the body is no such object. */
export const bodyField = (body: unknown, field: string): unknown => {
  try {
    return (JSON.parse(String(body)) as Record<string, unknown> | null)?.[field];
  } catch {
    return undefined;
  }
};

/** Every failed check of one answer; none when it is right. */
export const checkAnswer = (probe: Probe, { functionError, payload }: Invocation): Failure[] => {
  if (functionError !== undefined) {
    const { errorType, errorMessage } = (payload ?? {}) as { errorType?: string; errorMessage?: string };
    return [
      {
        probe: probe.name,
        check: 'invocation',
        problem: `the function failed (${functionError}): ${errorType ?? ''} ${errorMessage ?? ''}`.trim(),
      },
    ];
  }
  const answer = proxyAnswer(payload);
  if (answer === undefined)
    return [{ probe: probe.name, check: 'proxy response', problem: 'not a well-formed proxy response' }];
  const { statusCode, headers } = answer;
  const body = answer.body.toString('utf8');
  const failures: Failure[] = answerProblems(probe.operationId, { statusCode, headers, body }, responses).map(
    (problem) => ({
      probe: probe.name,
      check: 'contract',
      status: statusCode,
      problem,
    }),
  );
  if (statusCode !== probe.expectedStatus) {
    failures.push({
      probe: probe.name,
      check: 'expected answer',
      status: statusCode,
      problem: `expected ${probe.expectedStatus}`,
    });
  } else if (probe.expectedCode !== undefined && bodyField(body, 'code') !== probe.expectedCode) {
    const problem = `expected the code ${probe.expectedCode}, got ${String(bodyField(body, 'code'))}`;
    failures.push({ probe: probe.name, check: 'expected answer', status: statusCode, problem });
  }
  return failures;
};
