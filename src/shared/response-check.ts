// An HTTP answer checked against what the contract says of its operation, with the validators
// `npm run generate` compiles from openapi.yaml (generated/validators.js): the status is listed,
// the content type declared, the body and the declared headers valid. The contract tests and the
// battery (the pre-traffic hook, `npm run smoke`, the monitor) all check answers here, each passing
// the validators it imports; nothing compiles a schema, and nothing here reads generated/ at import.
import type { ResponseValidators, ValidationError } from '../../generated/validators.js';
import { headerValue, mediaTypeOf } from './headers.ts';

/** An answer as a client receives it. */
export interface ReceivedResponse {
  statusCode: number;
  headers?: Record<string, unknown>;
  body: string;
}

/** Validators by operationId and status, as generated/validators.js exports them. */
export type ContractValidators = Record<string, Record<string, ResponseValidators>>;

/** Readable validation errors: where, then what. */
const described = (errors: ValidationError[] | null | undefined): string[] =>
  (errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`.trim());

/** What is wrong with the answer's body; undefined when its content type is not one the status declares. */
const bodyProblems = (answer: ReceivedResponse, declared: ResponseValidators): string[] | undefined => {
  // A status that declares no content (a 204) takes none.
  if (Object.keys(declared.body).length === 0)
    return answer.body === '' ? [] : ['a body, where the status declares none'];
  const validateBody = declared.body[mediaTypeOf(headerValue(answer.headers, 'content-type'))];
  if (validateBody === undefined) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return ['body is not JSON'];
  }
  return validateBody(body) ? [] : described(validateBody.errors);
};

/** What is wrong with the answer for the contract's `operationId`; nothing when it is right. */
export const responseProblems = (
  operationId: string,
  answer: ReceivedResponse,
  validators: ContractValidators,
): string[] => {
  const statuses = validators[operationId];
  if (statuses === undefined) return [`the contract has no operation ${operationId}`];
  const declared = statuses[String(answer.statusCode)];
  if (declared === undefined) return [`status ${answer.statusCode} is not in the contract`];
  const problems = bodyProblems(answer, declared);
  if (problems === undefined)
    return [
      `content type "${mediaTypeOf(headerValue(answer.headers, 'content-type'))}" is not declared for ${answer.statusCode}`,
    ];
  for (const [name, validateHeader] of Object.entries(declared.headers)) {
    const value = headerValue(answer.headers, name);
    if (validateHeader(value)) continue;
    const reasons = (validateHeader.errors ?? []).map((error) => error.message).join(', ');
    problems.push(`header ${name} ${value === undefined ? 'is missing' : `is ${JSON.stringify(value)}`}: ${reasons}`);
  }
  return problems;
};
