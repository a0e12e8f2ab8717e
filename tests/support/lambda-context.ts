// A Lambda context as the Node.js runtime passes it, with plainly fake values.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
import type { Context } from 'aws-lambda';

/** A realistic context whose remaining time counts down from `timeoutMs`. */
export const lambdaContext = (overrides: Partial<Context> = {}, timeoutMs = 3000): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'guru-meditations-test-MeditationsFunction',
    functionVersion: '1',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:guru-meditations-test-MeditationsFunction:live',
    memoryLimitInMB: '128', // a string in AWS too
    awsRequestId: `lambda-${crypto.randomUUID()}`,
    logGroupName: '/aws/lambda/guru-meditations-test-MeditationsFunction',
    logStreamName: '2026/11/28/[1]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
};
