// The battery derived from openapi.yaml alone: for every operation, the request its examples make and
// the answer a correct version gives it, plus the refusals the contract implies (a required parameter
// missing, a body the request validator refuses, a body over API Gateway's limit, an unknown route, a
// method a path does not serve, an event that is no proxy event), each with its status and code.
// One function per kind of probe, each saying when the contract implies it. `npm run generate`
// writes the plan to generated/battery.ts, and fails, as the consistency check does, naming what
// the contract lacks: an operation's examples, or a status any request may be answered that it does
// not list (the probes of API Gateway's own answers are judged by those, and would be left out).
import type { BatteryPlan, PlannedProbe, PlannedRequest } from '../src/shared/battery/plan.ts';
import {
  answeredByGateway,
  type Contract,
  type LocatedOperation,
  type Operation,
  operationKey,
  operationName,
  type Parameter,
  pathPattern,
} from './contract.ts';
import { fixedGatewayHeaders } from './gateway-responses.ts';

type WithExamples = {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  schema?: { example?: unknown };
};

/** An operation whose example request could be built, with it and the status a correct version answers. */
interface Probed {
  operation: LocatedOperation;
  operationId: string;
  request: PlannedRequest;
  success: number;
}

/** API Gateway's payload limit: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html */
const PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
/** A path no contract routes (a greedy `{proxy+}` aside, which leaves no route unknown). */
const UNKNOWN_PATH = '/contract-battery/no-such-route';
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
/** Values tried, in order, for a body the validator refuses: the first the schema rejects is sent. */
const REFUSED_BODIES: unknown[] = ['not the schema', 0, [], {}, null];

/**
 * What API Gateway, the function or the local runner may answer a request to any operation. Every
 * answer is judged by its operation's responses, so each operation lists them all: without 403 an
 * unknown route and a method its path does not serve go unprobed, without 413 a body over the
 * limit, and a correct version's 429 or 502 would fail its check.
 */
export const ANSWERED_FOR_ANY_REQUEST: Record<string, string> = {
  '400': 'a malformed request, or an event that is not a proxy event',
  '403': 'a path or method the API does not define',
  '408': 'the request was not sent in time',
  '413': "the request is over API Gateway's limits",
  '429': 'the stage throttled it',
  '500': 'the function failed',
  '502': 'the function crashed or answered malformed',
  '504': 'the function did not answer in time',
};

const exampleOf = (holder: WithExamples): unknown =>
  holder.example ?? Object.values(holder.examples ?? {})[0]?.value ?? holder.schema?.example;

/** The path with each parameter's example filled in, percent-encoded. */
const filledPath = (path: string, pathParameters: Record<string, string>) =>
  path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => encodeURIComponent(pathParameters[name] ?? ''));

/** The operation's example request, or what the contract lacks to make it. */
const exampleRequest = (contract: Contract, operation: LocatedOperation): PlannedRequest | string[] => {
  const missing: string[] = [];
  const pathParameters: Record<string, string> = {};
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of contract.parametersOf(operation) as (Parameter & WithExamples)[]) {
    const example = exampleOf(parameter);
    if (example === undefined) {
      if (parameter.required) missing.push(`an example for its required ${parameter.in} parameter ${parameter.name}`);
      continue;
    }
    if (parameter.in === 'path') pathParameters[parameter.name] = String(example);
    if (parameter.in === 'query') query.append(parameter.name, String(example));
    if (parameter.in === 'header') headers[parameter.name] = String(example);
  }
  const json = operation.requestBody?.content?.['application/json'] as WithExamples | undefined;
  const bodyExample = json && exampleOf(json);
  if (bodyExample !== undefined) headers['Content-Type'] = 'application/json';
  else if (operation.requestBody?.required) missing.push('an example of its required application/json request body');
  if (missing.length > 0) return missing;
  return {
    method: operation.method,
    path: filledPath(operation.path, pathParameters),
    query: query.toString(),
    headers,
    body: bodyExample === undefined ? '' : JSON.stringify(bodyExample),
    resource: operation.path,
    pathParameters,
  };
};

const successOf = (operation: Operation) =>
  Object.keys(operation.responses)
    .map(Number)
    .filter((status) => status >= 200 && status < 300)
    .sort((a, b) => a - b)[0];

/** The contract's example request of each operation, and a line per operation it cannot be built for. */
const probeable = (contract: Contract, contractFile: string) => {
  const probed: Probed[] = [];
  const problems: string[] = [];
  for (const operation of contract.functionOperations()) {
    const request = exampleRequest(contract, operation);
    const missing = Array.isArray(request) ? request : [];
    const success = successOf(operation);
    if (success === undefined) missing.push('a 2xx response');
    if (Array.isArray(request) || success === undefined) {
      problems.push(
        `${operationName(operation)} cannot be probed: ${contractFile} lacks ${missing.join(', and ')}: add it there.`,
      );
    } else probed.push({ operation, operationId: operationKey(operation), request, success });
  }
  return { probed, problems };
};

/** A line per operation that does not list every status any request may be answered. */
const unlistedStatuses = (contract: Contract, contractFile: string): string[] =>
  contract.functionOperations().flatMap((operation) => {
    const missing = Object.entries(ANSWERED_FOR_ANY_REQUEST).filter(([status]) => !(status in operation.responses));
    if (missing.length === 0) return [];
    const listed = missing.map(([status, why]) => `${status} (${why})`).join(', ');
    return [
      `${operationName(operation)} does not list ${listed}: add them to its responses in ${contractFile}, as $refs to the shared answers in components/responses, as the other operations do.`,
    ];
  });

/** The example request, answered by the function with the operation's success. */
const exampleProbe = ({ operation, operationId, request, success }: Probed): PlannedProbe => {
  const varies = (operation.responses[String(success)] as { 'x-varies'?: string[] })['x-varies'];
  return {
    kind: 'example',
    name: `${operationId}: the contract's example request`,
    operationId,
    request,
    expect: { status: success },
    answeredBy: 'function',
    ...(varies && { varies }),
  };
};

/** The example request without each required query or header parameter, when the validator checks parameters. */
const missingParameterProbes = (contract: Contract, { operation, operationId, request }: Probed): PlannedProbe[] => {
  if (!contract.requestValidation(operation).parameters) return [];
  return contract
    .parametersOf(operation)
    .filter(({ required, in: location }) => required && (location === 'query' || location === 'header'))
    .map((parameter) => ({
      kind: 'missing-parameter',
      name: `${operationId}: without its required ${parameter.in} parameter ${parameter.name}`,
      operationId,
      request: {
        ...request,
        ...(parameter.in === 'query'
          ? {
              query: new URLSearchParams(
                [...new URLSearchParams(request.query)].filter(([name]) => name !== parameter.name),
              ).toString(),
            }
          : {
              headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== parameter.name)),
            }),
      },
      expect: { status: 400, code: 'BAD_REQUEST_PARAMETERS' },
      answeredBy: 'gateway',
    }));
};

/** The example request with a body its schema refuses, when the validator checks bodies. */
const refusedBodyProbes = (contract: Contract, { operation, operationId, request }: Probed): PlannedProbe[] => {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const refused = schema && REFUSED_BODIES.find((value) => !contract.validator(schema)(value));
  if (!contract.requestValidation(operation).body || refused === undefined) return [];
  return [
    {
      kind: 'refused-body',
      name: `${operationId}: a body the request validator refuses`,
      operationId,
      request: {
        ...request,
        headers: { ...request.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(refused),
      },
      expect: { status: 400, code: 'BAD_REQUEST_BODY' },
      answeredBy: 'gateway',
    },
  ];
};

/** The example request with a body over API Gateway's limit, for an operation that takes a body and lists 413. */
const tooLargeProbes = ({ operation, operationId, request }: Probed): PlannedProbe[] => {
  if (['GET', 'HEAD'].includes(operation.method) || !('413' in operation.responses)) return [];
  return [
    {
      kind: 'too-large',
      name: `${operationId}: a body over API Gateway's 10 MB limit`,
      operationId,
      request: {
        ...request,
        headers: { ...request.headers, 'Content-Type': 'application/json' },
        bodyBytes: PAYLOAD_LIMIT_BYTES + 1,
      },
      expect: { status: 413, code: 'REQUEST_TOO_LARGE' },
      answeredBy: 'gateway',
      costly: true,
    },
  ];
};

/** The operation that declares `status`, among `among` first: its responses judge an answer no operation routes to. */
const declaring = (contract: Contract, status: number, among: LocatedOperation[] = []) =>
  [...among, ...contract.functionOperations()].find((operation) => String(status) in operation.responses);

/**
 * What API Gateway answers for a route the contract does not define (403): an unknown path, and on
 * each path a method it does not serve. Judged by an operation that declares 403; a contract that
 * declares none says nothing of it.
 */
const unroutedProbes = (contract: Contract, probed: Probed[]): PlannedProbe[] => {
  const unrouted = (
    kind: PlannedProbe['kind'],
    name: string,
    method: string,
    path: string,
    among?: LocatedOperation[],
  ) => {
    const operation = declaring(contract, 403, among);
    if (operation?.operationId === undefined) return [];
    const request = { method, path, query: '', headers: {}, body: '' };
    const expect = { status: 403, code: 'MISSING_AUTHENTICATION_TOKEN' };
    return [{ kind, name, operationId: operation.operationId, request, expect, answeredBy: 'gateway' as const }];
  };
  const operations = contract.functionOperations();
  const routed = operations.some(({ path }) => pathPattern(path).test(UNKNOWN_PATH));
  const unknown = routed ? [] : unrouted('unknown-route', 'an unknown route', 'POST', UNKNOWN_PATH);
  const unserved = [...new Set(operations.map(({ path }) => path))].flatMap((path) => {
    const onPath = operations.filter((operation) => operation.path === path);
    const method = METHODS.find((candidate) => !onPath.some((operation) => operation.method === candidate));
    const example = probed.find(({ operation }) => operation.path === path)?.request.path;
    if (method === undefined || example === undefined) return [];
    return unrouted(
      'unserved-method',
      `${method} ${example}, a method the path does not serve`,
      method,
      example,
      onPath,
    );
  });
  return [...unknown, ...unserved];
};

/** The origin the battery's preflights say they come from: any will do, API Gateway's answer is the stage's. */
const BATTERY_ORIGIN = 'https://contract-battery.example';

/**
 * A browser's preflight of each path that has one (lib/cors.ts): the example request's method and a
 * JSON body asked for, answered 204 by API Gateway itself and judged by the preflight's own answer.
 */
const preflightProbes = (contract: Contract, probed: Probed[]): PlannedProbe[] =>
  contract
    .operations()
    .filter((operation) => answeredByGateway(operation) && operation.method === 'OPTIONS')
    .flatMap((preflight) => {
      const example = probed.find(({ operation }) => operation.path === preflight.path)?.request;
      if (example === undefined) return [];
      const headers = {
        Origin: BATTERY_ORIGIN,
        'Access-Control-Request-Method': example.method,
        'Access-Control-Request-Headers': 'content-type',
      };
      return [
        {
          kind: 'preflight' as const,
          name: `a CORS preflight of ${example.method} ${example.path}`,
          operationId: operationKey(preflight),
          request: { ...example, method: 'OPTIONS', query: '', headers, body: '' },
          expect: { status: 204 },
          answeredBy: 'gateway' as const,
        },
      ];
    });

/** A misdirected invocation, no proxy event at all: the contract's error body, not a crash. */
const notAProxyEventProbes = (contract: Contract): PlannedProbe[] => {
  const operationId = declaring(contract, 400)?.operationId;
  if (operationId === undefined) return [];
  return [
    {
      kind: 'not-a-proxy-event',
      name: 'an event that is no proxy event',
      operationId,
      expect: { status: 400, code: 'INVALID_EVENT' },
      answeredBy: 'function',
    },
  ];
};

/** The battery of the contract, and what the contract lacks to build it (one line per gap). */
export const planBattery = (
  contract: Contract,
  contractFile = 'openapi.yaml',
): { plan: BatteryPlan; problems: string[] } => {
  const { probed, problems } = probeable(contract, contractFile);
  const probes = [
    ...probed.flatMap((operation) => [
      exampleProbe(operation),
      ...missingParameterProbes(contract, operation),
      ...refusedBodyProbes(contract, operation),
      ...tooLargeProbes(operation),
    ]),
    ...unroutedProbes(contract, probed),
    ...preflightProbes(contract, probed),
    ...notAProxyEventProbes(contract),
  ];
  const contractVersion = String((contract.document as { info?: { version?: unknown } }).info?.version ?? '');
  return {
    plan: { contractVersion, headersOnEveryAnswer: fixedGatewayHeaders(contract.gatewayResponses()), probes },
    problems: [...problems, ...unlistedStatuses(contract, contractFile)],
  };
};
