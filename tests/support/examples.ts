// The contract's own example requests, as the battery plans them (generated/battery.ts): what a test
// that is about no operation in particular sends, so that it holds for whatever operations the
// contract has. Sent as they are, or through the typed client, which takes the example's
// parameters typed as the contract declares them.
import { BATTERY } from '../../generated/battery.ts';
import type { PlannedRequest } from '../../src/shared/battery/plan.ts';
import { contract } from './contract.ts';

/** An operation's example request, routed (its path template and parameters known), and the status it is answered. */
export interface Example {
  operationId: string;
  request: PlannedRequest & { resource: string; pathParameters: Record<string, string> };
  status: number;
}

/** Every operation's example request, in the contract's order. */
export const EXAMPLES: Example[] = BATTERY.probes.flatMap(({ kind, operationId, request, expect }) =>
  kind === 'example' && request !== undefined
    ? [{ operationId, request: { resource: request.path, pathParameters: {}, ...request }, status: expect.status }]
    : [],
);

/** The first operation's example: the one request a test needs. */
export const firstExample = (): Example => {
  const [first] = EXAMPLES;
  if (first === undefined) throw new Error('the contract has no operation whose example request can be built');
  return first;
};

/** The target the example is sent to, from `baseUrl` (a stage's URL, or the runner's): its path and query string. */
export const targetOf = ({ request }: Example, baseUrl = '') =>
  `${baseUrl}${request.path}${request.query ? `?${request.query}` : ''}`;

/** Whether the contract marks the example's operation `x-safe-to-retry`. */
export const isMarkedSafe = ({ operationId }: Example) => contract.operation(operationId)['x-safe-to-retry'] === true;

/** A parameter's value as its schema types it: the client's types take the number 1, not the text "1". */
const typed = (value: string, schema: { type?: string } = {}) =>
  schema.type === 'integer' || schema.type === 'number'
    ? Number(value)
    : schema.type === 'boolean'
      ? value === 'true'
      : value;

/** What openapi-fetch takes to send the example: its parameters by where they go, and its body. */
export const initOf = ({ operationId, request }: Example) => {
  const given: Record<string, Record<string, string | undefined>> = {
    path: request.pathParameters,
    query: Object.fromEntries(new URLSearchParams(request.query)),
    header: request.headers,
  };
  const params: Record<string, Record<string, unknown>> = {};
  for (const { name, in: location, schema } of contract.parametersOf(contract.operation(operationId))) {
    const value = given[location]?.[name];
    if (value !== undefined) params[location] = { ...params[location], [name]: typed(value, schema) };
  }
  return {
    ...(Object.keys(params).length > 0 && { params }),
    ...(request.body !== '' && { body: JSON.parse(request.body) as unknown }),
  };
};

/** What a client call resolves to, whatever its operation. */
export interface CallResult {
  data?: unknown;
  error?: { status: string; code: string; message: string; requestId: string };
  response: Response;
}

/** Any client of the package, seen as openapi-fetch's untyped `request`: the example is chosen at run time. */
interface UntypedClient {
  request: (method: string, path: string, init: object) => Promise<CallResult>;
}

/** Sends the example through a client of the package, as its typed call `client.<METHOD>(resource, init)` would. */
export const sendExample = (client: object, example: Example): Promise<CallResult> =>
  (client as UntypedClient).request(example.request.method, example.request.resource, initOf(example));

/** The JSON the example's operation answers on success: its schema (resolved) and its example. */
export const successOf = ({ operationId, status }: Example) => {
  const content = contract.operation(operationId).responses[String(status)]?.content?.['application/json'] as
    | { schema?: { $ref?: string }; example?: unknown }
    | undefined;
  const named = content?.schema?.$ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
  const schema = (named === undefined ? content?.schema : contract.document.components?.schemas?.[named]) as
    | { required?: string[] }
    | undefined;
  return { schema: schema ?? {}, example: content?.example };
};

/** A required field of the example's success body: the first besides `status`, which every answer has. */
export const requiredField = (example: Example): string => {
  const required = successOf(example).schema.required ?? [];
  const field = required.find((name) => name !== 'status') ?? required[0];
  if (field === undefined) throw new Error(`${example.operationId}'s ${example.status} body has no required field`);
  return field;
};
