// What only a deployment has, made up once for everything local: the account, region and API of
// the proxy events, Lambda contexts, environments and pseudo parameters the runner, the bench and
// the tests make. Plainly fake, as serverless-offline's are.

export const LOCAL_IDENTITY = {
  accountId: '000000000000',
  region: 'local-region-1',
  apiId: 'localapiid',
  resourceId: 'local-resource-id',
} as const;

/** The ARN a local function is invoked by (a Lambda context's `invokedFunctionArn`). */
export const localFunctionArn = (functionName: string): string =>
  `arn:aws:lambda:${LOCAL_IDENTITY.region}:${LOCAL_IDENTITY.accountId}:function:${functionName}`;
