// The battery derived from openapi.yaml alone: for every operation, the request its examples make and
// the answer a correct version gives it, plus the refusals the contract implies (a required parameter
// missing, a body the request validator refuses, an unknown route, a method a path does not serve, a
// body over API Gateway's limit, an event that is no proxy event), each with its status and code.
// `npm run generate` writes it to generated/battery.ts; the consistency check reports what is missing
// for an operation's requests to be built.
import type { BatteryPlan, PlannedProbe, PlannedRequest } from '../src/shared/battery/plan.ts';
import type { Contract, Operation, Parameter } from './contract.ts';

type Located = Operation & { path: string; method: string };
type WithExamples = {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  schema?: { example?: unknown };
};

/** API Gateway's payload limit: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html */
const PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
/** A path no contract routes (a greedy `{proxy+}` aside, which leaves no route unknown). */
const UNKNOWN_PATH = '/contract-battery/no-such-route';
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
/** Values tried, in order, for a body the validator refuses: the first the schema rejects is sent. */
const REFUSED_BODIES: unknown[] = ['not the schema', 0, [], {}, null];

const exampleOf = (holder: WithExamples): unknown =>
  holder.example ?? Object.values(holder.examples ?? {})[0]?.value ?? holder.schema?.example;

const nameOf = ({ operationId, method, path }: Located) => `operation ${operationId} (${method} ${path})`;

const routePattern = (path: string) =>
  new RegExp(
    `^${path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{[^}]+\+\}/g, '.+')
      .replace(/\{[^}]+\}/g, '[^/]+')}$`,
  );

/** The request validator an operation's requests pass through, as the contract sets it. */
const validation = (contract: Contract, operation: Operation) => {
  const document = contract.document;
  const name = operation['x-amazon-apigateway-request-validator'] ?? document['x-amazon-apigateway-request-validator'];
  const validators = (document['x-amazon-apigateway-request-validators'] ?? {}) as Record<
    string,
    { validateRequestBody?: boolean; validateRequestParameters?: boolean }
  >;
  const validator = typeof name === 'string' ? validators[name] : undefined;
  return { body: validator?.validateRequestBody === true, parameters: validator?.validateRequestParameters === true };
};

/** Headers every gateway response sets to one fixed value: what the contract promises on every answer. */
const headersOnEveryAnswer = (contract: Contract): Record<string, string> => {
  const responses = Object.values(
    (contract.document['x-amazon-apigateway-gateway-responses'] ?? {}) as Record<
      string,
      { responseParameters?: Record<string, string> }
    >,
  );
  const fixed = responses.map(
    ({ responseParameters = {} }) =>
      new Map(
        Object.entries(responseParameters).flatMap(([key, value]) => {
          const header = key.match(/^gatewayresponse\.header\.(.+)$/)?.[1];
          const literal = value.match(/^'(.*)'$/)?.[1];
          return header && literal !== undefined ? [[header, literal] as const] : [];
        }),
      ),
  );
  const [first, ...others] = fixed;
  return Object.fromEntries(
    [...(first ?? new Map<string, string>())].filter(([name, value]) => others.every((map) => map.get(name) === value)),
  );
};

/** The operation's example request, or what the contract lacks to make it. */
const exampleRequest = (operation: Located): { request?: PlannedRequest; missing: string[] } => {
  const parameters = (operation.parameters ?? []) as (Parameter & WithExamples)[];
  const missing: string[] = [];
  const pathParameters: Record<string, string> = {};
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of parameters) {
    const example = exampleOf(parameter);
    if (example === undefined) {
      if (parameter.required) missing.push(`an example for its required ${parameter.in} parameter ${parameter.name}`);
      continue;
    }
    if (parameter.in === 'path') pathParameters[parameter.name] = String(example);
    if (parameter.in === 'query') query.append(parameter.name, String(example));
    if (parameter.in === 'header') headers[parameter.name] = String(example);
  }
  let body = '';
  const { requestBody } = operation;
  const json = requestBody?.content?.['application/json'] as WithExamples | undefined;
  const bodyExample = json && exampleOf(json);
  if (bodyExample !== undefined) {
    body = JSON.stringify(bodyExample);
    headers['Content-Type'] = 'application/json';
  } else if (requestBody?.required) {
    missing.push('an example of its required application/json request body');
  }
  if (missing.length > 0) return { missing };
  const path = operation.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) =>
    encodeURIComponent(pathParameters[name] ?? ''),
  );
  return {
    request: {
      method: operation.method,
      path,
      query: query.toString(),
      headers,
      body,
      resource: operation.path,
      pathParameters,
    },
    missing,
  };
};

const successOf = (operation: Operation) =>
  Object.keys(operation.responses)
    .map(Number)
    .filter((status) => status >= 200 && status < 300)
    .sort((a, b) => a - b)[0];

/** The battery of the contract, and what the contract lacks to build it (one line per gap). */
export const planBattery = (
  contract: Contract,
  contractFile = 'openapi.yaml',
): { plan: BatteryPlan; problems: string[] } => {
  const operations = contract.operations();
  const problems: string[] = [];
  const probes: PlannedProbe[] = [];
  const declaring = (status: number, among: Located[] = operations) =>
    among.find((operation) => String(status) in operation.responses);

  for (const operation of operations) {
    const operationId = operation.operationId ?? `${operation.method} ${operation.path}`;
    const { request, missing } = exampleRequest(operation);
    const success = successOf(operation);
    if (success === undefined) missing.push('a 2xx response');
    if (request === undefined || success === undefined) {
      problems.push(
        `${nameOf(operation)} cannot be probed: ${contractFile} lacks ${missing.join(', and ')}: add it there.`,
      );
      continue;
    }
    const varies = (operation.responses[String(success)] as { 'x-varies'?: string[] })['x-varies'];
    probes.push({
      name: `${operationId}: the contract's example request`,
      operationId,
      request,
      expect: { status: success },
      answeredBy: 'function',
      ...(varies && { varies }),
    });

    const validates = validation(contract, operation);
    const required = (operation.parameters ?? []).filter(
      ({ required, in: location }) => required && (location === 'query' || location === 'header'),
    );
    for (const parameter of validates.parameters ? required : []) {
      const without =
        parameter.in === 'query'
          ? {
              query: new URLSearchParams(
                [...new URLSearchParams(request.query)].filter(([name]) => name !== parameter.name),
              ).toString(),
            }
          : {
              headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== parameter.name)),
            };
      probes.push({
        name: `${operationId}: without its required ${parameter.in} parameter ${parameter.name}`,
        operationId,
        request: { ...request, ...without },
        expect: { status: 400, code: 'BAD_REQUEST_PARAMETERS' },
        answeredBy: 'gateway',
      });
    }

    const schema = operation.requestBody?.content?.['application/json']?.schema;
    const refused = schema && REFUSED_BODIES.find((value) => !contract.validator(schema)(value));
    if (validates.body && refused !== undefined) {
      probes.push({
        name: `${operationId}: a body the request validator refuses`,
        operationId,
        request: {
          ...request,
          headers: { ...request.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify(refused),
        },
        expect: { status: 400, code: 'BAD_REQUEST_BODY' },
        answeredBy: 'gateway',
      });
    }

    if (!['GET', 'HEAD'].includes(operation.method) && '413' in operation.responses) {
      probes.push({
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
      });
    }
  }

  // What API Gateway answers for a route the contract does not define, checked against an operation
  // that declares that answer (403); a contract that declares none says nothing of it.
  const unrouted = (path: string, method: string, among?: Located[]): PlannedProbe[] => {
    const operation = declaring(403, among) ?? declaring(403);
    if (operation?.operationId === undefined) return [];
    const request = { method, path, query: '', headers: {}, body: '' };
    const name = path === UNKNOWN_PATH ? 'an unknown route' : `${method} ${path}, a method the path does not serve`;
    return [
      {
        name,
        operationId: operation.operationId,
        request,
        expect: { status: 403, code: 'MISSING_AUTHENTICATION_TOKEN' },
        answeredBy: 'gateway',
      },
    ];
  };
  if (!operations.some(({ path }) => routePattern(path).test(UNKNOWN_PATH)))
    probes.push(...unrouted(UNKNOWN_PATH, 'POST'));
  for (const path of new Set(operations.map((operation) => operation.path))) {
    const onPath = operations.filter((operation) => operation.path === path);
    const unserved = METHODS.find((method) => !onPath.some((operation) => operation.method === method));
    const example = probes.find((probe) => probe.request?.resource === path && probe.answeredBy === 'function');
    if (unserved && example?.request) probes.push(...unrouted(example.request.path, unserved, onPath));
  }

  // A misdirected invocation gets the contract's error body, not a crash.
  const misdirected = declaring(400);
  if (misdirected?.operationId !== undefined)
    probes.push({
      name: 'an event that is no proxy event',
      operationId: misdirected.operationId,
      expect: { status: 400, code: 'INVALID_EVENT' },
      answeredBy: 'function',
    });

  const contractVersion = String((contract.document as { info?: { version?: unknown } }).info?.version ?? '');
  return { plan: { contractVersion, headersOnEveryAnswer: headersOnEveryAnswer(contract), probes }, problems };
};
