// Which operation an event is for, and the implementation that answers it: routing, and nothing
// else. API Gateway has routed the request already and says where in `httpMethod` and `resource`
// (the contract's path, as written); the contract's table names the operation. Nothing is matched
// twice, and an operation no implementation answers is a misconfiguration, thrown as a 500.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ApiError } from '../shared/errors.ts';
import { gatewayRequestId } from '../shared/request-id.ts';
import { isRecord } from '../shared/values.ts';

type JsonBody<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;

/** What an operation answers: one of the statuses its contract lists, with that status's JSON body. */
export type OperationResult<Operation extends { responses: object }> = {
  [Status in keyof Operation['responses']]: { statusCode: Status; body: JsonBody<Operation['responses'][Status]> };
}[keyof Operation['responses']];

/** An implementation for every operation of a contract, typed from its generated `operations`. */
export type Implementations<Operations, Dependencies> = {
  [OperationId in keyof Operations]: (
    event: APIGatewayProxyEvent,
    dependencies: Dependencies,
  ) => Promise<OperationResult<Operations[OperationId] & { responses: object }>>;
};

/** Any one implementation, as the router hands it over. */
export type Implementation<Dependencies> = (
  event: APIGatewayProxyEvent,
  dependencies: Dependencies,
) => Promise<{ statusCode: number; body: object }>;

/** An event routed: its operation, the event as the proxy event it is, and the implementation. */
export interface Routed<Dependencies> {
  operation: string;
  event: APIGatewayProxyEvent;
  implementation: Implementation<Dependencies>;
}

/** Only API Gateway's proxy events carry a request id, a method and a resource. */
const isProxyEvent = (event: unknown): event is APIGatewayProxyEvent =>
  isRecord(event) &&
  typeof event.httpMethod === 'string' &&
  typeof event.resource === 'string' &&
  gatewayRequestId(event) !== undefined;

/** Routes an event to its operation's implementation; throws for an event no operation answers. */
export const dispatch =
  <Dependencies>(
    table: Readonly<Record<string, string>>,
    implementations: Readonly<Record<string, Implementation<Dependencies>>>,
  ) =>
  (event: unknown): Routed<Dependencies> => {
    if (!isProxyEvent(event)) {
      throw new ApiError(400, 'INVALID_EVENT', 'The function expects an API Gateway REST proxy event.');
    }
    const route = `${event.httpMethod} ${event.resource}`;
    const operation = Object.hasOwn(table, route) ? table[route] : undefined;
    if (operation === undefined) {
      throw new Error(
        `No operation of the contract is ${route}: API Gateway and this function disagree on the contract`,
      );
    }
    const implementation = Object.hasOwn(implementations, operation) ? implementations[operation] : undefined;
    if (implementation === undefined) {
      throw new Error(`The function implements no operation ${operation} (${route}): add it to the implementations`);
    }
    return { operation, event, implementation };
  };
