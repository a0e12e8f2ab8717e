// One invocation as Lambda's Invoke API reports it: the function's result, or, for an invocation
// that did not return, the error payload Lambda answers with `X-Amz-Function-Error: Unhandled`.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
import { randomUUID } from 'node:crypto';
import type { LocalFunction } from '../api-definition.ts';
import type { FunctionHost } from './function-host.ts';

/** The error of an invocation that threw or timed out, in Lambda's Node.js format. */
export interface FunctionErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type LambdaResult = { awsRequestId: string } & (
  | { functionError?: undefined; payload: unknown }
  | { functionError: 'Unhandled'; payload: FunctionErrorPayload }
);

/** Invokes the function once through its host and reports the outcome as Lambda would. */
export const invokeAsLambda = async (
  host: FunctionHost,
  fn: LocalFunction,
  event: unknown,
  awsRequestId: string = randomUUID(),
): Promise<LambdaResult> => {
  const outcome = await host.invoke(event, awsRequestId);
  if (outcome.kind === 'response') return { awsRequestId, payload: outcome.payload };
  const payload: FunctionErrorPayload =
    outcome.kind === 'timeout'
      ? {
          errorType: 'Sandbox.Timedout',
          errorMessage: `RequestId: ${awsRequestId} Error: Task timed out after ${(fn.timeoutMs / 1000).toFixed(2)} seconds`,
        }
      : {
          errorType: outcome.errorType,
          errorMessage: outcome.errorMessage,
          ...(outcome.stack !== undefined && { trace: outcome.stack.split('\n') }),
        };
  return { awsRequestId, functionError: 'Unhandled', payload };
};
