// Generated from the contract by `npm run generate`; never edit by hand.
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
