// The contract's schemas for ajv: OpenAPI 3.0's `example` keyword known, and every `$ref` to
// components/schemas resolved against the contract itself, so that a schema is compiled as the
// contract writes it (never a hand-copied one). The local runner compiles at start
// (lib/contract.ts); `npm run generate` compiles into standalone code (lib/standalone-validators.ts).
import { Ajv, type Options } from 'ajv';
import type { OpenApiDocument } from './contract.ts';

/** An ajv that knows the contract's components, registered under `id`, for the schemas anchoredSchema points there. */
export const contractAjv = (document: OpenApiDocument, id: string, options: Options = {}): Ajv => {
  const ajv = new Ajv({ allErrors: true, ...options });
  ajv.addVocabulary(['example', 'components']);
  ajv.addSchema({ $id: id, components: document.components ?? {} });
  return ajv;
};

/** A schema of the contract with its `#/components/...` references pointed at the contract registered as `id`. */
export const anchoredSchema = (schema: object, id: string): object =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${id}#/components/`));
