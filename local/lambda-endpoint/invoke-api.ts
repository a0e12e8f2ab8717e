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

/** Answers Invoke requests for the served functions; `log` is told of Event invocations that failed. */
export const createInvokeApi =
  (functions: Map<string, ServedFunction>, log: (line: string) => void) =>
  async (request: InvokeRequest): Promise<InvokeResponse> => {
    const { path, query } = splitUrl(request.url);
    const route = INVOKE_PATH.exec(path);
    if (route === null || request.method !== 'POST')
      return serviceError(
        404,
        'UnknownOperationException',
        `${request.method} ${path} is no operation of this endpoint: it serves Invoke, POST /2015-03-31/functions/{FunctionName}/invocations`,
      );
    let name: string;
    try {
      name = decodeURIComponent(route[1]!);
    } catch {
      return serviceError(400, 'ValidationException', 'The function name is not correctly percent-encoded');
    }
    const parsed = FUNCTION_NAME.exec(name);
    if (parsed === null)
      return serviceError(
        400,
        'ValidationException',
        `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${FUNCTION_NAME.source}`,
      );
    const [, functionName = '', nameQualifier] = parsed;
    const queryQualifier = new URLSearchParams(query).get('Qualifier') ?? undefined;
    if (nameQualifier !== undefined && queryQualifier !== undefined && nameQualifier !== queryQualifier)
      return serviceError(
        400,
        'InvalidParameterValueException',
        'The derived qualifier from the function name does not match the specified qualifier.',
      );
    const qualifier = nameQualifier ?? queryQualifier;
    const served = [...functions.values()].find(
      ({ fn }) => fn.logicalId === functionName || localFunctionName(fn) === functionName,
    );
    if (served === undefined || (qualifier !== undefined && !qualifiersOf(served.fn).includes(qualifier)))
      return serviceError(
        404,
        'ResourceNotFoundException',
        `Function not found: ${localFunctionArn(functionName)}${qualifier === undefined ? '' : `:${qualifier}`}`,
        'Message',
      );

    const invocationType = request.header('x-amz-invocation-type') ?? 'RequestResponse';
    if (!Object.hasOwn(MAX_PAYLOAD_BYTES, invocationType))
      return serviceError(
        400,
        'ValidationException',
        `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
      );
    // As sam local start-lambda: the logs are the runner's output, not returned in a header.
    const logType = request.header('x-amz-log-type') ?? 'None';
    if (logType !== 'None')
      return serviceError(
        501,
        'NotImplemented',
        `log-type: ${logType} is not supported locally: the function's logs are in the runner's output`,
      );
    const limit = MAX_PAYLOAD_BYTES[invocationType as InvocationType];
    if (request.body.length > limit) return tooLarge(limit);
    let event: unknown;
    try {
      event = JSON.parse(request.body.length === 0 ? '{}' : request.body.toString('utf8'));
    } catch (error) {
      return serviceError(
        400,
        'InvalidRequestContentException',
        `Could not parse request body into json: ${(error as Error).message}`,
      );
    }

    const awsRequestId = randomUUID();
    const headers = { 'X-Amzn-RequestId': awsRequestId };
    if (invocationType === 'DryRun') return { statusCode: 204, headers, body: '' };
    const invocation = invokeAsLambda(served.host, served.fn, event, awsRequestId);
    if (invocationType === 'Event') {
      void invocation.then(({ functionError, payload }) => {
        if (functionError)
          log(`Event invocation ${awsRequestId} of ${served.fn.logicalId} failed: ${JSON.stringify(payload)}`);
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
