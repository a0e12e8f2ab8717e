// A Lambda context as the Node.js runtime passes it, with plainly fake values.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
import type { Context } from 'aws-lambda';
import { stackName } from '../../lib/names.ts';

/** The test stack's function, as Lambda names it. */
const FUNCTION_NAME = `${stackName('test')}-MeditationsFunction`;

/** A realistic context whose remaining time counts down from `timeoutMs`. */
export const lambdaContext = (overrides: Partial<Context> = {}, timeoutMs = 3000): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: FUNCTION_NAME,
    functionVersion: '1',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${FUNCTION_NAME}:live`,
    memoryLimitInMB: '128', // a string in AWS too
    awsRequestId: `lambda-${crypto.randomUUID()}`,
    logGroupName: `/aws/lambda/${FUNCTION_NAME}`,
    logStreamName: '2026/11/28/[1]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
};
