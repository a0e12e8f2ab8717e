// Validators compiled straight from openapi.yaml with ajv: never a hand-copied schema.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const CONTRACT_ID = 'openapi.yaml';

interface ResponseObject {
  $ref?: string;
  headers?: Record<string, { $ref?: string; schema?: object }>;
  content?: Record<string, { schema: object }>;
}
interface Contract {
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, ResponseObject> }>>;
  components: Record<string, Record<string, unknown>>;
}

export const contract: Contract = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8'));

// OpenAPI 3.0 adds `example` to JSON Schema; `components` is where the schemas live.
const ajv = new Ajv({ allErrors: true });
ajv.addVocabulary(['example', 'components']);
ajv.addSchema({ $id: CONTRACT_ID, components: contract.components });

/** Follows a local `#/components/...` reference. */
const resolve = <T extends { $ref?: string }>(object: T): T => {
  if (object.$ref === undefined) return object;
  const [, section, name] = object.$ref.match(/^#\/components\/([^/]+)\/([^/]+)$/) ?? [];
  const target = section && name ? contract.components[section]?.[name] : undefined;
  if (target === undefined) throw new Error(`openapi.yaml: unresolved $ref ${object.$ref}`);
  return resolve(target as T);
};

const validators = new Map<object, ValidateFunction>();

/** Compiles a schema of the contract once, its local references pointed at the registered contract. */
const validatorFor = (schema: object): ValidateFunction => {
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${CONTRACT_ID}#/components/`)));
    validators.set(schema, validate);
  }
  return validate;
};

/** The operation with this operationId, with its path and method. */
export const operation = (operationId: string) => {
  for (const [path, methods] of Object.entries(contract.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op.operationId === operationId) return { path, method: method.toUpperCase(), ...op };
    }
  }
  throw new Error(`openapi.yaml has no operation ${operationId}`);
};

/** The statuses the contract lists for an operation. */
export const statusesOf = (operationId: string): number[] => Object.keys(operation(operationId).responses).map(Number);

export interface ContractCheck {
  valid: boolean;
  errors: string[];
}

const describeErrors = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`.trim());

/**
 * Checks a response against what the contract says of `operationId` at `status`:
 * the status is listed, the content type is declared, the body and declared headers match.
 */
export const checkResponse = (
  operationId: string,
  response: { statusCode: number; headers?: Record<string, unknown>; body: string },
): ContractCheck => {
  const declared = operation(operationId).responses[String(response.statusCode)];
  if (declared === undefined) return { valid: false, errors: [`status ${response.statusCode} is not in the contract`] };
  const { content = {}, headers = {} } = resolve(declared);
  const headerOf = (name: string) =>
    Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const contentType = String(headerOf('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const media = content[contentType];
  if (media === undefined) return { valid: false, errors: [`content type "${contentType}" is not declared`] };

  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return { valid: false, errors: ['body is not JSON'] };
  }
  const validateBody = validatorFor(media.schema);
  const errors = validateBody(body) ? [] : describeErrors(validateBody.errors);
  for (const [name, header] of Object.entries(headers)) {
    const { schema } = resolve(header);
    if (schema === undefined) continue;
    const validateHeader = validatorFor(schema);
    if (!validateHeader(headerOf(name))) errors.push(`header ${name}: ${describeErrors(validateHeader.errors).join(', ')}`);
  }
  return { valid: errors.length === 0, errors };
};
