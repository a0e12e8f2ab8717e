// Lambda's Invoke API for the template's functions, as `sam local start-lambda` serves it and as the
// AWS SDK calls it: POST /2015-03-31/functions/{FunctionName}/invocations, a function named by
// logical id (or ARN), qualified by $LATEST or the alias the template publishes; RequestResponse,
// Event and DryRun; errors with the status, `X-Amzn-ErrorType` and body fields of Lambda's model.
// https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
import { randomUUID } from 'node:crypto';
import { localFunctionArn } from '../../lib/local-identity.ts';
import type { LocalFunction } from '../api-definition.ts';
import { localFunctionName } from '../lambda/execution-environment.ts';
import type { FunctionHost } from '../lambda/function-host.ts';
import { invokeAsLambda } from '../lambda/lambda-result.ts';
import { splitUrl } from '../url.ts';

export interface InvokeRequest {
  method: string;
  /** The path with its query string. */
  url: string;
  /** A header's value by its name, lower-case. */
  header: (name: string) => string | undefined;
  body: Buffer;
}

export interface InvokeResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface ServedFunction {
  fn: LocalFunction;
  host: FunctionHost;
}

/** Lambda's quotas on the request payload: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MAX_PAYLOAD_BYTES = { RequestResponse: 6 * 1024 * 1024, Event: 1024 * 1024, DryRun: 6 * 1024 * 1024 };

type InvocationType = keyof typeof MAX_PAYLOAD_BYTES;

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
/** Lambda's FunctionName pattern: a name, a partial ARN or an ARN, each with an optional qualifier. */
const FUNCTION_NAME =
  /^(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]*:)?(?:[^:]+:function:)?([a-zA-Z0-9_.-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/**
 * An error answer as Lambda sends it: the type in `X-Amzn-ErrorType`, and a body whose message
 * field is spelled as the exception's model spells it (`Message` or `message`).
 */
export const serviceError = (
  statusCode: number,
  type: string,
  message: string,
  field: 'Message' | 'message' = 'message',
): InvokeResponse => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'X-Amzn-ErrorType': type },
  body: JSON.stringify({ Type: statusCode >= 500 ? 'Service' : 'User', [field]: message }),
});

/** RequestTooLargeException, for a payload over `limit` bytes. */
export const tooLarge = (limit: number) =>
  serviceError(413, 'RequestTooLargeException', `Request must be smaller than ${limit} bytes for the Invoke operation`);

/** The qualifiers the template makes: $LATEST, and the alias AutoPublishAlias publishes. */
const qualifiersOf = (fn: LocalFunction) => {
  const alias = fn.definition.properties.AutoPublishAlias;
  return ['$LATEST', ...(typeof alias === 'string' ? [alias] : [])];
};

/** The function a request names (by logical id or its local name, an ARN or not), with its qualifier; or Lambda's error. */
const targetOf = (
  functions: Map<string, ServedFunction>,
  { method, url }: InvokeRequest,
): { served: ServedFunction } | { error: InvokeResponse } => {
  const { path, query } = splitUrl(url);
  const route = INVOKE_PATH.exec(path);
  if (route === null || method !== 'POST') {
    const message = `${method} ${path} is no operation of this endpoint: it serves Invoke, POST /2015-03-31/functions/{FunctionName}/invocations`;
    return { error: serviceError(404, 'UnknownOperationException', message) };
  }
  let name: string;
  try {
    name = decodeURIComponent(route[1]!);
  } catch {
    return { error: serviceError(400, 'ValidationException', 'The function name is not correctly percent-encoded') };
  }
  const parsed = FUNCTION_NAME.exec(name);
  if (parsed === null) {
    const message = `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${FUNCTION_NAME.source}`;
    return { error: serviceError(400, 'ValidationException', message) };
  }
  const [, functionName = '', nameQualifier] = parsed;
  const queryQualifier = new URLSearchParams(query).get('Qualifier') ?? undefined;
  if (nameQualifier !== undefined && queryQualifier !== undefined && nameQualifier !== queryQualifier) {
    const message = 'The derived qualifier from the function name does not match the specified qualifier.';
    return { error: serviceError(400, 'InvalidParameterValueException', message) };
  }
  const qualifier = nameQualifier ?? queryQualifier;
  const served = [...functions.values()].find(
    ({ fn }) => fn.logicalId === functionName || localFunctionName(fn) === functionName,
  );
  if (served === undefined || (qualifier !== undefined && !qualifiersOf(served.fn).includes(qualifier))) {
    const arn = `${localFunctionArn(functionName)}${qualifier === undefined ? '' : `:${qualifier}`}`;
    return { error: serviceError(404, 'ResourceNotFoundException', `Function not found: ${arn}`, 'Message') };
  }
  return { served };
};

/** The invocation's type and its event, as the request's headers and body give them; or Lambda's error. */
const invocationOf = ({
  header,
  body,
}: InvokeRequest): { type: InvocationType; event: unknown } | { error: InvokeResponse } => {
  const type = header('x-amz-invocation-type') ?? 'RequestResponse';
  if (!Object.hasOwn(MAX_PAYLOAD_BYTES, type)) {
    const message = `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`;
    return { error: serviceError(400, 'ValidationException', message) };
  }
  // As sam local start-lambda: the logs are the runner's output, not returned in a header.
  const logType = header('x-amz-log-type') ?? 'None';
  if (logType !== 'None') {
    const message = `log-type: ${logType} is not supported locally: the function's logs are in the runner's output`;
    return { error: serviceError(501, 'NotImplemented', message) };
  }
  const limit = MAX_PAYLOAD_BYTES[type as InvocationType];
  if (body.length > limit) return { error: tooLarge(limit) };
  try {
    return { type: type as InvocationType, event: JSON.parse(body.length === 0 ? '{}' : body.toString('utf8')) };
  } catch (error) {
    const message = `Could not parse request body into json: ${(error as Error).message}`;
    return { error: serviceError(400, 'InvalidRequestContentException', message) };
  }
};

/** Runs the invocation as its type says: DryRun not at all, Event in the background, RequestResponse to its end. */
const invoke = async (
  { fn, host }: ServedFunction,
  { type, event }: { type: InvocationType; event: unknown },
  log: (line: string) => void,
): Promise<InvokeResponse> => {
  const awsRequestId = randomUUID();
  const headers = { 'X-Amzn-RequestId': awsRequestId };
  if (type === 'DryRun') return { statusCode: 204, headers, body: '' };
  const invocation = invokeAsLambda(host, fn, event, awsRequestId);
  if (type === 'Event') {
    void invocation.then(({ functionError, payload }) => {
      if (functionError) log(`Event invocation ${awsRequestId} of ${fn.logicalId} failed: ${JSON.stringify(payload)}`);
    });
    return { statusCode: 202, headers, body: '' };
  }
  const result = await invocation;
  return {
    statusCode: 200,
    headers: {
      ...headers,
      'Content-Type': 'application/json',
      'X-Amz-Executed-Version': '$LATEST',
      ...(result.functionError && { 'X-Amz-Function-Error': result.functionError }),
    },
    body: JSON.stringify(result.payload),
  };
};

/** Answers Invoke requests for the served functions; `log` is told of Event invocations that failed. */
export const createInvokeApi =
  (functions: Map<string, ServedFunction>, log: (line: string) => void) =>
  async (request: InvokeRequest): Promise<InvokeResponse> => {
    const target = targetOf(functions, request);
    if ('error' in target) return target.error;
    const invocation = invocationOf(request);
    if ('error' in invocation) return invocation.error;
    return invoke(target.served, invocation, log);
  };
