// API Gateway's own answers (x-amazon-apigateway-gateway-responses) as the contract writes them:
// the static values of their headers, which API Gateway takes single-quoted.
import type { GatewayResponse } from './contract.ts';

/**
 * A response parameter's static value: API Gateway takes one single-quoted (`'no-store'`); anything
 * else (a mapping expression, or an intrinsic a stage parameter sets) is no fixed value.
 */
export const staticValue = (value: unknown): string | undefined =>
  typeof value === 'string' ? /^'(.*)'$/.exec(value)?.[1] : undefined;

/** The headers every one of `gatewayResponses` sets to the same static value, by name, unquoted. */
export const fixedGatewayHeaders = (gatewayResponses: Record<string, GatewayResponse>): Record<string, string> => {
  const [first = new Map<string, string>(), ...others] = Object.values(gatewayResponses).map(
    ({ responseParameters = {} }) =>
      new Map(
        Object.entries(responseParameters).flatMap(([key, value]) => {
          const header = key.match(/^gatewayresponse\.header\.(.+)$/)?.[1];
          const literal = staticValue(value);
          return header && literal !== undefined ? [[header, literal] as const] : [];
        }),
      ),
  );
  return Object.fromEntries([...first].filter(([name, value]) => others.every((map) => map.get(name) === value)));
};
