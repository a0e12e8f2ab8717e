// Validators for every response of every operation (status × media type, and each declared
// header), compiled from the contract by ajv at build time into one standalone ES module
// (https://ajv.js.org/standalone.html). What ships to Lambda imports that module: nothing there
// compiles a schema at run time, or builds a function from a string.
import { createRequire } from 'node:module';
import { type Contract, operationKey } from './contract.ts';
import { anchoredSchema, contractAjv } from './schemas.ts';

const standaloneCode: typeof import('ajv/dist/standalone/index.js').default = createRequire(import.meta.url)(
  'ajv/dist/standalone',
).default;

const ID = 'contract';

/** The ES module (validators.js) and its type declarations (validators.d.ts) for the contract. */
export const standaloneValidators = (contract: Contract): { module: string; declarations: string } => {
  // unicode: false measures strings with .length: the runtime helper that counts code points is a
  // CommonJS require, which an ES module cannot make. Ajv warns that the option is deprecated; that
  // one warning is dropped, every other one kept.
  const logger = {
    log: console.log,
    error: console.error,
    warn: (...args: unknown[]) => String(args[0]).startsWith('DEPRECATED: option unicode') || console.warn(...args),
  };
  const ajv = contractAjv(contract.document, ID, { code: { source: true, esm: true }, unicode: false, logger });

  const exports: Record<string, string> = {};
  const map: Record<string, Record<string, { body: Record<string, string>; headers: Record<string, string> }>> = {};
  const add = (schema: object) => {
    const name = `v${Object.keys(exports).length}`;
    ajv.addSchema(anchoredSchema(schema, ID), name);
    exports[name] = name;
    return name;
  };
  for (const operation of contract.operations()) {
    const operationId = operationKey(operation);
    map[operationId] = {};
    for (const [status, declared] of Object.entries(operation.responses)) {
      const { content = {}, headers = {} } = declared;
      const entry = { body: {} as Record<string, string>, headers: {} as Record<string, string> };
      for (const [mediaType, { schema }] of Object.entries(content)) if (schema) entry.body[mediaType] = add(schema);
      for (const [name, { schema }] of Object.entries(headers)) if (schema) entry.headers[name] = add(schema);
      map[operationId][status] = entry;
    }
  }

  const code = standaloneCode(ajv, exports);
  if (/\brequire\(/.test(code)) throw new Error('ajv generated a require() that an ES module cannot make');
  const table = JSON.stringify(map, null, 2).replace(/"(v\d+)"/g, '$1');
  return {
    module: `// Generated from the contract by \`npm run generate\`; never edit by hand.\n${code}\n\n/** Each response's validators, by operationId and status: bodies by media type, declared headers by name. */\nexport const responses = ${table};\n`,
    declarations: `// Generated from the contract by \`npm run generate\`; never edit by hand.
export interface ValidationError {
  instancePath: string;
  message?: string;
}
export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}
export interface ResponseValidators {
  body: Record<string, Validator>;
  headers: Record<string, Validator>;
}
/** Each response's validators, by operationId and status: bodies by media type, declared headers by name. */
export declare const responses: Record<string, Record<string, ResponseValidators>>;
`,
  };
};
