// The contract's example request of each operation, as the battery makes it (lib/battery.ts,
// generated/battery.ts): what a test sends when it needs a request the API answers, whatever its
// operations are, as an event or over HTTP; the answer is judged by that operation's responses.
import { BATTERY } from '../../generated/battery.ts';
import type { PlannedRequest } from '../../src/shared/battery/plan.ts';
import { contract } from './contract.ts';
import { proxyEvent, STAGE } from './events.ts';

/** One operation's example request, and what a correct version answers it. */
export interface Example {
  operationId: string;
  request: PlannedRequest & { resource: string };
  /** The operation's success status. */
  status: number;
}

/** The contract's example request of each operation its functions answer, in the contract's order. */
export const EXAMPLES: Example[] = BATTERY.probes.flatMap(({ kind, operationId, request, expect }) =>
  kind === 'example' && request?.resource !== undefined
    ? [{ operationId, request: { ...request, resource: request.resource }, status: expect.status }]
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
      pathParameters: request.pathParameters ?? {},
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
