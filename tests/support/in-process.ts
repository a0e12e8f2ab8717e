// The gateway in this process: a template's routes in front of handlers imported directly, with no
// socket, worker thread or bundle. For what the gateway does; the HTTP tests keep what HTTP does.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { readApiDefinition } from '../../local/api-definition.ts';
import { createGateway, type Gateway, type Invoke } from '../../local/gateway/gateway.ts';
import { lambdaContext } from './lambda-context.ts';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;

/** Invokes each function's handler in process; the result crosses a JSON round trip, as Lambda's does. */
export const inProcessInvoke =
  (handlers: Record<string, Handler>): Invoke =>
  async (functionId, event) => {
    const handler = handlers[functionId];
    if (handler === undefined) throw new Error(`no in-process handler for ${functionId}`);
    try {
      const result = await handler(structuredClone(event), lambdaContext());
      return { kind: 'response', payload: JSON.parse(JSON.stringify(result ?? null)) };
    } catch (error) {
      return { kind: 'error', errorType: (error as Error).name, errorMessage: (error as Error).message };
    }
  };

/** A gateway for the template, its functions' handlers given by logical id. */
export const inProcessGateway = (
  templatePath: string,
  handlers: Record<string, Handler>,
  parameters: Record<string, string> = {},
): Gateway => createGateway(readApiDefinition(templatePath, parameters), inProcessInvoke(handlers));
