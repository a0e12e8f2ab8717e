// What is checked of each answer to the battery, whichever way it was sent: the status and error code
// expected, the contract (status listed, body schema, declared headers, with the validators generated
// from openapi.yaml), the headers every answer carries, and the request id the client would quote.
import { headerValue } from '../headers.ts';
import { type ContractValidators, type ReceivedResponse, responseProblems } from '../response-check.ts';
import type { BatteryPlan, PlannedProbe } from './plan.ts';

export type Check =
  | 'no answer'
  | 'invocation'
  | 'proxy response'
  | 'expected answer'
  | 'contract'
  | 'headers'
  | 'request id'
  | 'variety'
  | 'deadline';

/** A check that failed: which probe, which check, why, and what was received. */
export interface Failure {
  probe: string;
  check: Check;
  problem: string;
  status?: number;
  /** The id to find the request by in the API's and the function's logs. */
  requestId?: string;
  /** The body received, cut to 200 characters. */
  received?: string;
}

/** What one probe came to: an answer, with the request id the client would see, or a failure before any answer. */
export type Outcome =
  | { answer: ReceivedResponse; requestId: string | undefined }
  | { failure: Pick<Failure, 'check' | 'problem' | 'received'> };

/** The contract and its validators: what a battery is run against. */
export interface ContractBattery {
  plan: BatteryPlan;
  validators: ContractValidators;
}

/** One field of a JSON object body; undefined when the body is no such object. */
export const bodyField = (body: string, field: string): unknown => {
  try {
    return (JSON.parse(body) as Record<string, unknown> | null)?.[field];
  } catch {
    return undefined;
  }
};

const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** Every failed check of one answer; none when it is right. */
export const answerFailures = (
  probe: PlannedProbe,
  { answer, requestId }: Extract<Outcome, { answer: unknown }>,
  { plan, validators }: ContractBattery,
): Failure[] => {
  const { statusCode, body } = answer;
  const failures: Failure[] = [];
  const fail = (check: Check, problem: string) =>
    failures.push({ probe: probe.name, check, problem, status: statusCode, requestId, received: excerpt(body) });

  if (statusCode !== probe.expect.status) {
    fail('expected answer', `status ${statusCode}, expected ${probe.expect.status}`);
  } else if (probe.expect.code !== undefined && bodyField(body, 'code') !== probe.expect.code) {
    fail('expected answer', `code ${String(bodyField(body, 'code'))}, expected ${probe.expect.code}`);
  }
  for (const problem of responseProblems(probe.operationId, answer, validators)) fail('contract', problem);
  // A header the contract declares for this answer is checked with the contract's schema above.
  const declared = new Set(
    Object.keys(validators[probe.operationId]?.[String(statusCode)]?.headers ?? {}).map((name) => name.toLowerCase()),
  );
  for (const [name, expected] of Object.entries(plan.headersOnEveryAnswer)) {
    if (declared.has(name.toLowerCase())) continue;
    const value = headerValue(answer.headers, name);
    if (value !== expected)
      fail(
        'headers',
        `${name} ${value === undefined ? 'is missing' : `is "${String(value)}"`}, expected "${expected}"`,
      );
  }
  // An event that is no proxy event has no gateway request id to quote.
  if (probe.request !== undefined) {
    const quoted = bodyField(body, 'requestId');
    if (requestId === undefined) fail('request id', 'x-amzn-RequestId is missing');
    else if (quoted !== undefined && quoted !== requestId)
      fail('request id', `the body's requestId ${String(quoted)} differs from x-amzn-RequestId ${requestId}`);
  }
  return failures;
};
