// openapi.yaml as data, in the one resolved form every reader uses (lib/gateway-definition.ts: the
// definition API Gateway imports, every answer inline): its operations, and ajv validators compiled
// straight from its schemas (never a hand-copied schema). Used by the tests, the local runner and
// `npm run generate`. Pure: it reads nothing at import, so `npm run generate` can run before
// generated/ exists; each user loads the contract it needs (loadContract), with the validators
// generated from it where it checks answers.
import { readFileSync } from 'node:fs';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { type ContractValidators, type ReceivedResponse, responseProblems } from '../src/shared/response-check.ts';
import { gatewayDefinition } from './gateway-definition.ts';

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
  'x-amazon-apigateway-integration'?: { uri?: unknown; timeoutInMillis?: number };
  'x-amazon-apigateway-request-validator'?: string;
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

export interface ContractCheck {
  valid: boolean;
  errors: string[];
}

/**
 * An ajv that reads the contract's schemas: OpenAPI 3.0's `example` keyword known, and the
 * contract's components registered under `id` for the references anchoredSchema points there.
 */
export const contractAjv = (document: OpenApiDocument, id: string, options: Options = {}): Ajv => {
  const ajv = new Ajv({ allErrors: true, ...options });
  ajv.addVocabulary(['example', 'components']);
  ajv.addSchema({ $id: id, components: document.components ?? {} });
  return ajv;
};

/** A schema of the contract with its `#/components/...` references pointed at the contract registered as `id`. */
export const anchoredSchema = (schema: Schema, id: string): Schema =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${id}#/components/`));

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
  operations(): (Operation & { path: string; method: string })[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => ({
        ...item[method]!,
        path,
        method: method.toUpperCase(),
      })),
    );
  }

  /** The operation with this operationId. */
  operation(operationId: string): Operation & { path: string; method: string } {
    const found = this.operations().find((operation) => operation.operationId === operationId);
    if (found === undefined) throw new Error(`openapi.yaml has no operation ${operationId}`);
    return found;
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

/** An openapi.yaml, parsed (YAML anchors followed), as written. */
export const readOpenApi = (path: string | URL): OpenApiSource => parse(readFileSync(path, 'utf8'));

/**
 * Loads a contract from an openapi.yaml file (the source, or a definition generated from it), in
 * its resolved form, with the validators generated from it if it has them.
 */
export const loadContract = (path: string | URL, responseValidators?: ContractValidators): Contract =>
  new Contract(gatewayDefinition(readOpenApi(path)), responseValidators);
