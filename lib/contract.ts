// openapi.yaml as data, in the one resolved form every reader uses (lib/gateway-definition.ts: the
// definition API Gateway imports, every answer inline), and its API Gateway extensions read in one
// place: the operations and their names, each route's path pattern and request validator, the
// gateway responses and the binary media types; and ajv validators compiled straight from its
// schemas (lib/schemas.ts). Used by the tests, the local runner, the battery, the consistency check
// and `npm run generate`. Pure: it reads nothing at import, so `npm run generate` can run before
// generated/ exists.
// Extensions: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
import { readFileSync } from 'node:fs';
import type { Ajv, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { type ContractValidators, type ReceivedResponse, responseProblems } from '../src/shared/response-check.ts';
import { DefinitionError } from './errors.ts';
import { gatewayDefinition } from './gateway-definition.ts';
import { anchoredSchema, contractAjv } from './schemas.ts';

type Schema = object;
export type Parameter = {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: Schema;
};
export type MediaTypes = Record<string, { schema?: Schema }>;
export type ResponseObject = {
  description?: string;
  headers?: Record<string, { schema?: Schema }>;
  content?: MediaTypes;
};
export type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: MediaTypes };
  responses: Record<string, ResponseObject>;
  'x-amazon-apigateway-integration'?: {
    type?: string;
    uri?: unknown;
    timeoutInMillis?: number;
    responses?: Record<string, { statusCode?: string; responseParameters?: Record<string, unknown> }>;
  };
  'x-amazon-apigateway-request-validator'?: string;
  /** Sending it twice does no harm: a client may retry it. */
  'x-safe-to-retry'?: boolean;
};
/** An OpenAPI document as written: its parts may be `$ref`s to components (lib/gateway-definition.ts resolves them). */
export type OpenApiSource = {
  openapi: string;
  info?: { title?: unknown; version?: unknown };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [extension: `x-${string}`]: unknown;
};

/** An OpenAPI document in its resolved form: no `$ref` but to a schema. */
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation> & { parameters?: Parameter[] }>;
  components?: Record<string, Record<string, unknown>>;
  [extension: `x-${string}`]: unknown;
};

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** An operation with where it is: its path as written and its upper-case method. */
export type LocatedOperation = Operation & { path: string; method: string };

/** How messages name an operation: `operation meditate (POST /)`. */
export const operationName = ({ operationId, method, path }: LocatedOperation) =>
  operationId === undefined
    ? `${method} ${path} (an operation without an operationId)`
    : `operation ${operationId} (${method} ${path})`;

/** Whether API Gateway answers the operation itself (a mock integration: the CORS preflight), no function invoked. */
export const answeredByGateway = (operation: Operation) =>
  operation['x-amazon-apigateway-integration']?.type?.toLowerCase() === 'mock';

/** The key an operation's generated validators are filed under: its operationId, else its method and path. */
export const operationKey = ({ operationId, method, path }: LocatedOperation) => operationId ?? `${method} ${path}`;

/** Which checks API Gateway's request validator makes of an operation's requests. */
export interface RequestValidation {
  body: boolean;
  parameters: boolean;
}

/** One of x-amazon-apigateway-gateway-responses: what API Gateway answers for one of its own errors. */
export interface GatewayResponse {
  statusCode?: number;
  responseParameters?: Record<string, unknown>;
  responseTemplates?: Record<string, string>;
}

type RequestValidators = Record<string, { validateRequestBody?: boolean; validateRequestParameters?: boolean }>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The path template as API Gateway matches a request path to it: `/items/{id}` takes one segment as
 * `id`, a greedy `/{proxy+}` the rest of the path; every other character is literal.
 */
export const pathPattern = (path: string): RegExp =>
  new RegExp(
    `^${path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = part.match(/^\{([^}+]+)(\+)?\}$/);
        if (name === null) return escapeRegExp(part);
        return name[2] ? `(?<${name[1]}>.+)` : `(?<${name[1]}>[^/]+)`;
      })
      .join('')}$`,
  );

export interface ContractCheck {
  valid: boolean;
  errors: string[];
}

/** A contract in its resolved form (lib/gateway-definition.ts), with its validators compiled on first use and kept. */
export class Contract {
  readonly document: OpenApiDocument;
  readonly #ajv: Ajv;
  readonly #validators = new Map<Schema, ValidateFunction>();
  readonly #id: string;
  readonly #responseValidators: ContractValidators | undefined;

  constructor(document: OpenApiDocument, responseValidators?: ContractValidators, id = 'openapi.yaml') {
    this.document = document;
    this.#responseValidators = responseValidators;
    this.#id = id;
    this.#ajv = contractAjv(document, id);
  }

  /** The validator of one of the contract's schemas, compiled once. */
  validator(schema: Schema): ValidateFunction {
    let validate = this.#validators.get(schema);
    if (validate === undefined) {
      validate = this.#ajv.compile(anchoredSchema(schema, this.#id));
      this.#validators.set(schema, validate);
    }
    return validate;
  }

  /** Every operation with its path and upper-case method. */
  operations(): LocatedOperation[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => ({
        ...item[method]!,
        path,
        method: method.toUpperCase(),
      })),
    );
  }

  /** The operations a function answers: every one but those API Gateway answers itself (the preflights). */
  functionOperations(): LocatedOperation[] {
    return this.operations().filter((operation) => !answeredByGateway(operation));
  }

  /** The operation with this operationId. */
  operation(operationId: string): LocatedOperation {
    const found = this.operations().find((operation) => operation.operationId === operationId);
    if (found === undefined) throw new Error(`openapi.yaml has no operation ${operationId}`);
    return found;
  }

  /** An operation's parameters: those of its path, then its own. */
  parametersOf(operation: LocatedOperation): Parameter[] {
    return [...(this.document.paths[operation.path]?.parameters ?? []), ...(operation.parameters ?? [])];
  }

  /** What the request validator an operation names (or the API's default) checks of its requests. */
  requestValidation(operation: Operation): RequestValidation {
    const validators = (this.document['x-amazon-apigateway-request-validators'] ?? {}) as RequestValidators;
    const name =
      operation['x-amazon-apigateway-request-validator'] ?? this.document['x-amazon-apigateway-request-validator'];
    const validator = typeof name === 'string' ? validators[name] : undefined;
    return { body: validator?.validateRequestBody === true, parameters: validator?.validateRequestParameters === true };
  }

  /** API Gateway's answers to its own errors, by response type (DEFAULT_4XX, THROTTLED…). */
  gatewayResponses(): Record<string, GatewayResponse> {
    return (this.document['x-amazon-apigateway-gateway-responses'] ?? {}) as Record<string, GatewayResponse>;
  }

  /** The media types API Gateway passes to the function base64-encoded. */
  binaryMediaTypes(): string[] {
    return (this.document['x-amazon-apigateway-binary-media-types'] as string[] | undefined) ?? [];
  }

  /** The statuses the contract lists for an operation. */
  statusesOf(operationId: string): number[] {
    return Object.keys(this.operation(operationId).responses).map(Number);
  }

  /**
   * Checks a response against what the contract says of `operationId` at its status, with the
   * validators `npm run generate` compiled from this contract (src/shared/response-check.ts).
   */
  checkResponse(operationId: string, response: ReceivedResponse): ContractCheck {
    if (this.#responseValidators === undefined) {
      throw new Error(
        `${this.#id} has no generated validators: generate them with scripts/generate.ts and pass them to loadContract`,
      );
    }
    const errors = responseProblems(operationId, response, this.#responseValidators);
    return { valid: errors.length === 0, errors };
  }
}

/** The function an operation's integration invokes, `${Fn.Alias}` or `${Fn.Arn}` in its Fn::Sub. */
export const integrationTarget = (
  operation: Operation,
): { functionId: string; attribute: 'Alias' | 'Arn' } | undefined => {
  const uri = operation['x-amazon-apigateway-integration']?.uri;
  const text = typeof uri === 'string' ? uri : JSON.stringify(uri ?? '');
  const match = text.match(/\$\{([A-Za-z0-9]+)\.(Arn|Alias)\}/);
  return match ? { functionId: match[1] as string, attribute: match[2] as 'Alias' | 'Arn' } : undefined;
};

/**
 * An openapi.yaml, parsed (YAML anchors followed), as written. One with no path at all (its last
 * operation removed, the next not yet added) is said in one line, not met later as a crash.
 */
export const readOpenApi = (path: string | URL): OpenApiSource => {
  const document = parse(readFileSync(path, 'utf8')) as OpenApiSource;
  const { paths } = document as { paths?: unknown };
  if (typeof paths !== 'object' || paths === null || Object.keys(paths).length === 0) {
    throw new DefinitionError(`${path} declares no path: an API needs at least one operation under paths`);
  }
  return document;
};

/** An openapi.yaml's info.title: the API's name as its clients read it, written there only. */
export const contractTitle = (path: string | URL): string => {
  const { title } = readOpenApi(path).info ?? {};
  if (typeof title !== 'string' || title === '') throw new DefinitionError(`${path} has no info.title`);
  return title;
};

/**
 * Loads a contract from an openapi.yaml file (the source, or a definition generated from it), in
 * its resolved form, with the validators generated from it if it has them.
 */
export const loadContract = (path: string | URL, responseValidators?: ContractValidators): Contract =>
  new Contract(gatewayDefinition(readOpenApi(path)), responseValidators);
