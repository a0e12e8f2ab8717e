import { describe, expect, it } from 'vitest';
import type { GatewayResponse } from '../../../lib/contract.ts';
import {
  GATEWAY_ERRORS,
  type GatewayErrorType,
  renderGatewayResponse,
} from '../../../local/gateway/gateway-responses.ts';
import { contract } from '../../support/contract.ts';

const responses = contract.document['x-amazon-apigateway-gateway-responses'] as Record<string, GatewayResponse>;

describe('renderGatewayResponse', () => {
  it.each(Object.keys(GATEWAY_ERRORS) as GatewayErrorType[])(
    "renders %s with the contract's templates into its error body",
    (type) => {
      // Act
      const answer = renderGatewayResponse(responses, type, 'req-1');

      // Assess
      const body = JSON.parse(answer.body.toString());
      expect(body).toEqual({ status: 'error', code: type, message: GATEWAY_ERRORS[type].message, requestId: 'req-1' });
      expect(answer.statusCode).toBe(GATEWAY_ERRORS[type].statusCode);
      expect(answer.headers).toMatchObject({
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      expect(contract.validator(contract.document.components!.schemas!.Error as object)(body)).toBe(true);
    },
  );

  it('escapes a message so the body stays JSON', () => {
    const answer = renderGatewayResponse(responses, 'BAD_REQUEST_BODY', 'req-2', 'quote " and \\ backslash');
    expect(JSON.parse(answer.body.toString()).message).toBe('quote " and \\ backslash');
  });

  it("falls back to API Gateway's own body when the contract defines no response", () => {
    const answer = renderGatewayResponse({}, 'THROTTLED', 'req-3');
    expect(JSON.parse(answer.body.toString())).toEqual({ message: 'Too Many Requests' });
    expect(answer.statusCode).toBe(429);
  });
});
