// Which operation an event is for, and the implementation that answers it. API Gateway has routed
// the request already and says where in `httpMethod` and `resource` (the contract's path, as
// written); the contract's table names the operation. Nothing is matched twice, and an operation
// no implementation answers is a misconfiguration, answered 500 and logged at ERROR.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ApiError } from './errors.ts';
import { gatewayRequestId, jsonResponse } from './http.ts';
import { logger } from './observability.ts';

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

type Implementation<Dependencies> = (
  event: APIGatewayProxyEvent,
  dependencies: Dependencies,
) => Promise<{ statusCode: number | string | symbol; body: unknown }>;

/** The answer for an event: the implementation its operation names, given the dependencies. */
export const dispatch =
  <Dependencies>(
    table: Readonly<Record<string, string>>,
    implementations: Readonly<Record<string, Implementation<Dependencies>>>,
    dependencies: Dependencies,
  ) =>
  async (event: unknown): Promise<APIGatewayProxyResult> => {
    // Only API Gateway's proxy events carry a request id; anything else is a misdirected invoke.
    if (gatewayRequestId(event) === undefined) {
      throw new ApiError(400, 'INVALID_EVENT', 'The function expects an API Gateway REST proxy event.');
    }
    const { httpMethod, resource } = event as APIGatewayProxyEvent;
    const route = `${httpMethod} ${resource}`;
    const operation = Object.hasOwn(table, route) ? table[route] : undefined;
    const implementation =
      operation !== undefined && Object.hasOwn(implementations, operation) ? implementations[operation] : undefined;
    if (implementation === undefined) {
      throw new Error(
        operation === undefined
          ? `No operation of the contract is ${route}: API Gateway and this function disagree on the contract`
          : `The function implements no operation ${operation} (${route}): add it to the implementations`,
      );
    }
    // Every later line of this invocation, a failure's included, says which operation it was.
    logger.appendKeys({ operation });
    logger.info('Received request');
    const { statusCode, body } = await implementation(event as APIGatewayProxyEvent, dependencies);
    return jsonResponse(Number(statusCode), body as object);
  };
