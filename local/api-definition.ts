// What the local runner serves, read from template.yaml and the definition its API includes (the
// one npm run generate makes from openapi.yaml, or any OpenAPI file), in the contract's resolved
// form (lib/contract.ts): routes, the function behind each, its settings, and the stage's gateway
// settings. No route table of its own: an operation is served when its integration names a
// function of the template.
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { YAMLParseError } from 'yaml';
import {
  answeredByGateway,
  type Contract,
  type GatewayResponse,
  integrationTarget,
  loadContract,
  type Operation,
  operationName,
  pathPattern,
  readOpenApi,
} from '../lib/contract.ts';
import { DefinitionError } from '../lib/errors.ts';
import { gatewayDefinition, sourceOfDefinition } from '../lib/gateway-definition.ts';
import { staticValue } from '../lib/gateway-responses.ts';
import { checkParameters, type ParameterDefinition } from '../lib/parameters.ts';
import {
  includedDefinition,
  readTemplate,
  resolveIntrinsics,
  type ServerlessFunction,
  serverlessFunctions,
  type Template,
} from '../lib/template.ts';
import type { HttpResponse } from '../src/shared/apigateway/proxy-response.ts';
import { compileRequestValidator, type RequestValidator } from './gateway/request-validator.ts';

export interface LocalFunction {
  logicalId: string;
  definition: ServerlessFunction;
  handler: string;
  runtime: string;
  timeoutMs: number;
  memoryMb: number;
  /** Reserved concurrency, if the template sets one. */
  reservedConcurrency: number | undefined;
  /** Globals' and the function's own variables, intrinsics resolved. */
  environment: Record<string, string>;
}

interface RouteBase {
  method: string;
  /** The path as the contract writes it, `/items/{id}`: API Gateway's `resource`. */
  resource: string;
  pattern: RegExp;
  operation: Operation;
  /** The operation's request validator, compiled when the definition was read. */
  validate: RequestValidator;
}

/** A route whose Lambda proxy integration invokes a function of the template. */
export interface FunctionRoute extends RouteBase {
  functionId: string;
  /** The integration's own timeout; API Gateway's default and maximum is 29 s. */
  integrationTimeoutMs: number;
}

/** A route API Gateway answers itself with a mock integration (the CORS preflight): its answer, fixed. */
export interface MockRoute extends RouteBase {
  functionId?: undefined;
  answer: HttpResponse;
}

export type Route = FunctionRoute | MockRoute;

export interface ApiDefinition {
  templatePath: string;
  /** The OpenAPI file the API includes. */
  definitionPath: string;
  /** The contract as written: the file the included definition names as its source, or the definition itself. */
  openapiPath: string;
  contract: Contract;
  stage: string;
  routes: Route[];
  functions: Map<string, LocalFunction>;
  throttling: { rateLimit: number; burstLimit: number } | undefined;
  gatewayResponses: Record<string, GatewayResponse>;
  binaryMediaTypes: string[];
  /**
   * What the runner says once at start: a definition behind the openapi.yaml it is made from, and
   * operations the stage would not serve: no integration (API Gateway refuses to deploy such a
   * method), or one that invokes no function of the template (CloudFormation refuses such a
   * template). Requests for those get what the stage answers without them: 403
   * MISSING_AUTHENTICATION_TOKEN.
   */
  notices: string[];
}

/** API Gateway's ceiling on an integration: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html */
const MAX_INTEGRATION_TIMEOUT_MS = 29_000;

const readOrExplain = <T>(what: string, read: () => T): T => {
  try {
    return read();
  } catch (error) {
    if (error instanceof YAMLParseError) throw new DefinitionError(`${what} is not valid YAML: ${error.message}`);
    throw new DefinitionError(`${what} could not be read: ${(error as Error).message}`);
  }
};

/** The template, read and checked to have resources. */
const templateAt = (templatePath: string): Template => {
  if (!existsSync(templatePath)) throw new DefinitionError(`No template at ${templatePath}`);
  const template = readOrExplain(templatePath, () => readTemplate(templatePath));
  if (typeof template?.Resources !== 'object') throw new DefinitionError(`${templatePath} has no Resources`);
  return template;
};

/** The template's one AWS::Serverless::Api. */
const theApi = (template: Template, templatePath: string) => {
  const [apiEntry, ...others] = Object.entries(template.Resources).filter(
    ([, resource]) => resource.Type === 'AWS::Serverless::Api',
  );
  if (apiEntry === undefined) throw new DefinitionError(`${templatePath} has no AWS::Serverless::Api`);
  if (others.length > 0)
    throw new DefinitionError(`${templatePath} has several AWS::Serverless::Api; the local runner serves one`);
  const [apiId, api] = apiEntry;
  return { apiId, api };
};

/** The contract the API includes as its definition, and the file it is written in. */
const includedContract = (templatePath: string, apiId: string, api: { Properties?: Record<string, unknown> }) => {
  const location = includedDefinition(api);
  if (location === undefined)
    throw new DefinitionError(`${apiId}: DefinitionBody must include an OpenAPI file (Fn::Transform: AWS::Include)`);
  const definitionPath = resolve(dirname(templatePath), location);
  if (!existsSync(definitionPath))
    throw new DefinitionError(`${apiId} includes ${definitionPath}, which does not exist: run npm run generate`);
  const contract = readOrExplain(definitionPath, () => loadContract(definitionPath));
  if (typeof contract.document?.paths !== 'object') throw new DefinitionError(`${definitionPath} has no paths`);
  const openapiPath = sourceOfDefinition(definitionPath) ?? definitionPath;
  return { definitionPath, openapiPath, contract };
};

/** A line when the included definition is not what its source makes today: the runner serves the definition. */
const staleness = ({ definitionPath, openapiPath, contract }: ReturnType<typeof includedContract>) => {
  if (openapiPath === definitionPath || !existsSync(openapiPath)) return [];
  const today = readOrExplain(openapiPath, () => gatewayDefinition(readOpenApi(openapiPath)));
  if (isDeepStrictEqual(today, contract.document)) return [];
  const [definition, source] = [definitionPath, openapiPath].map((path) => relative(process.cwd(), path));
  return [`${definition} is behind ${source}: run npm run generate, then restart (serving ${definition} as it is).`];
};

/** A function as the runner runs it: its settings, intrinsics resolved against the parameters. */
const localFunction = (
  template: Template,
  definition: ServerlessFunction,
  parameters: Record<string, string>,
): LocalFunction => {
  const properties = resolveIntrinsics(template, definition.properties, { parameters }) as Record<string, unknown>;
  const variables = (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  return {
    logicalId: definition.logicalId,
    definition,
    handler: String(properties.Handler),
    runtime: String(properties.Runtime ?? 'nodejs24.x'),
    timeoutMs: Number(properties.Timeout ?? 3) * 1000,
    memoryMb: Number(properties.MemorySize ?? 128),
    reservedConcurrency:
      properties.ReservedConcurrentExecutions === undefined
        ? undefined
        : Number(properties.ReservedConcurrentExecutions),
    environment: Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, String(value)])),
  };
};

/**
 * What a mock integration answers: its default response's status, and the headers its
 * responseParameters set, their intrinsics resolved against the template's parameters.
 */
const mockAnswer = (operation: Operation, resolve: (value: unknown) => unknown): HttpResponse => {
  const response = operation['x-amazon-apigateway-integration']?.responses?.default ?? {};
  const headers = Object.fromEntries(
    Object.entries(response.responseParameters ?? {}).flatMap(([key, value]) => {
      const name = key.match(/^method\.response\.header\.(.+)$/)?.[1];
      const literal = staticValue(resolve(value));
      return name && literal !== undefined ? [[name, literal]] : [];
    }),
  );
  return { statusCode: Number(response.statusCode ?? 200), headers, body: Buffer.alloc(0) };
};

/** The routes the stage serves, each with its request validator compiled, and what it does not serve. */
const routesOf = (
  contract: Contract,
  functions: Map<string, LocalFunction>,
  templateFile: string,
  resolve: (value: unknown) => unknown,
) => {
  const unserved: string[] = [];
  const routes = contract.operations().flatMap((operation): Route[] => {
    const name = operationName(operation);
    const route = {
      method: operation.method,
      resource: operation.path,
      pattern: pathPattern(operation.path),
      operation,
      validate: compileRequestValidator(
        contract,
        operation,
        contract.parametersOf(operation),
        contract.requestValidation(operation),
      ),
    };
    if (answeredByGateway(operation)) return [{ ...route, answer: mockAnswer(operation, resolve) }];
    const functionId = integrationTarget(operation)?.functionId;
    if (functionId === undefined) {
      unserved.push(
        `${name} has no integration invoking a function: API Gateway would not deploy it, so it is not served.`,
      );
      return [];
    }
    if (!functions.has(functionId)) {
      unserved.push(
        `${name} integrates ${functionId}, which ${templateFile} does not define: CloudFormation would refuse the template, so it is not served.`,
      );
      return [];
    }
    const timeoutInMillis = operation['x-amazon-apigateway-integration']?.timeoutInMillis;
    return [
      {
        ...route,
        functionId,
        integrationTimeoutMs: Math.min(timeoutInMillis ?? MAX_INTEGRATION_TIMEOUT_MS, MAX_INTEGRATION_TIMEOUT_MS),
      },
    ];
  });
  return { routes, unserved };
};

/** What the stage itself sets: its name, throttling, gateway responses and binary media types. */
const stageSettings = (
  contract: Contract,
  apiProperties: Record<string, unknown>,
  resolve: (value: unknown) => unknown,
) => {
  const stageThrottling = ((apiProperties.MethodSettings as Record<string, unknown>[] | undefined) ?? []).find(
    (setting) => setting.ResourcePath === '/*' && setting.HttpMethod === '*',
  );
  return {
    stage: String(apiProperties.StageName ?? 'Prod'),
    throttling:
      stageThrottling?.ThrottlingRateLimit === undefined
        ? undefined
        : {
            rateLimit: Number(stageThrottling.ThrottlingRateLimit),
            burstLimit: Number(stageThrottling.ThrottlingBurstLimit ?? stageThrottling.ThrottlingRateLimit),
          },
    // Their headers may name the template's parameters (the allowed origin, Fn::Sub).
    gatewayResponses: resolve(contract.gatewayResponses()) as Record<string, GatewayResponse>,
    binaryMediaTypes: [
      ...contract.binaryMediaTypes(),
      ...((apiProperties.BinaryMediaTypes as string[] | undefined) ?? []),
    ],
  };
};

/**
 * Reads template.yaml and the openapi.yaml its API includes into what the runner serves, with the
 * template's parameters at their defaults unless `parameters` overrides them (as `sam deploy
 * --parameter-overrides` does): the API, the local functions, the routes and what the stage does
 * not serve, and the stage's settings.
 */
export const readApiDefinition = (templatePath: string, parameters: Record<string, string> = {}): ApiDefinition => {
  const template = templateAt(templatePath);
  checkParameters((template.Parameters ?? {}) as Record<string, ParameterDefinition>, parameters);
  const { apiId, api } = theApi(template, templatePath);
  const included = includedContract(templatePath, apiId, api);
  const { contract } = included;
  const functions = new Map(
    serverlessFunctions(template).map((definition) => [
      definition.logicalId,
      localFunction(template, definition, parameters),
    ]),
  );
  const resolve = (value: unknown) => resolveIntrinsics(template, value, { parameters });
  const { routes, unserved } = routesOf(contract, functions, basename(templatePath), resolve);
  const apiProperties = resolveIntrinsics(template, api.Properties, { parameters }) as Record<string, unknown>;
  return {
    templatePath,
    ...included,
    routes,
    functions,
    notices: [...staleness(included), ...unserved],
    ...stageSettings(contract, apiProperties, resolve),
  };
};

/** The route for a method and path, with its path parameters; or why there is none. */
export const matchRoute = (
  routes: Route[],
  method: string,
  path: string,
): { route: Route; pathParameters: Record<string, string> } | undefined => {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, pathParameters: { ...match.groups } };
  }
  return undefined;
};
