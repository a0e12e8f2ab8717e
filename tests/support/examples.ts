// The contract's example request of each operation, as the battery makes it (lib/battery.ts,
// generated/battery.ts): what a test sends when it needs a request the API answers, whatever its
// operations are: as an event, over HTTP, or through the typed client, which takes the example's
// parameters typed as the contract declares them. The answer is judged by that operation's responses.
import { BATTERY } from '../../generated/battery.ts';
import type { PlannedRequest } from '../../src/shared/battery/plan.ts';
import { contract } from './contract.ts';
import { proxyEvent, STAGE } from './events.ts';

/** One operation's example request, routed (its path template and parameters known), and what a correct version answers it. */
export interface Example {
  operationId: string;
  request: PlannedRequest & { resource: string; pathParameters: Record<string, string> };
  /** The operation's success status. */
  status: number;
}

/** The contract's example request of each operation its functions answer, in the contract's order. */
export const EXAMPLES: Example[] = BATTERY.probes.flatMap(({ kind, operationId, request, expect }) =>
  kind === 'example' && request?.resource !== undefined
    ? [
        {
          operationId,
          request: { ...request, resource: request.resource, pathParameters: request.pathParameters ?? {} },
          status: expect.status,
        },
      ]
    : [],
);

/** The example of the named operation; of the contract's first operation when none is named. */
export const exampleOf = (operationId?: string): Example => {
  const example = operationId === undefined ? EXAMPLES[0] : EXAMPLES.find((found) => found.operationId === operationId);
  if (example === undefined)
    throw new Error(`the contract's battery has no example request of ${operationId ?? 'any operation'}`);
  return example;
};

/** The event API Gateway sends the function for an example (the first operation's by default). */
export const exampleEvent = ({ request }: Example = exampleOf(), requestId?: string) =>
  proxyEvent(
    {
      method: request.method,
      resource: request.resource,
      path: request.path,
      pathParameters: request.pathParameters,
      headers: request.headers,
      body: request.body,
      query: request.query,
    },
    requestId,
  );

/** An example as an HTTP request to the stage: its method, the path with the stage and query, headers and body. */
export const exampleHttpRequest = ({ request }: Example = exampleOf()) => ({
  method: request.method,
  path: `/${STAGE}${request.path}${request.query ? `?${request.query}` : ''}`,
  headers: request.headers,
  body: request.body,
});

/**
 * The operation whose responses judge an answer no operation is routed to (API Gateway's own, or the
 * runner's): the first that lists its status, as the battery judges its refusals.
 */
export const operationListing = (status: number): string => {
  const operation = contract.functionOperations().find(({ responses }) => String(status) in responses);
  if (operation?.operationId === undefined) throw new Error(`no operation of the contract lists ${status}`);
  return operation.operationId;
};

/** The preflight API Gateway answers on an example's path (lib/cors.ts): its operationId. */
export const preflightOf = ({ request }: Example = exampleOf()): string => {
  const preflight = contract.operations().find(({ method, path }) => method === 'OPTIONS' && path === request.resource);
  if (preflight?.operationId === undefined) throw new Error(`the contract has no preflight of ${request.resource}`);
  return preflight.operationId;
};

/** The first operation's example: the one request a test needs. */
export const firstExample = (): Example => exampleOf();

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
