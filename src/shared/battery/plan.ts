// The contract's battery as data: every request a correct version must answer, and what it must
// answer. lib/battery.ts derives it from openapi.yaml and `npm run generate` writes it to
// generated/battery.ts, so the functions that run it (the pre-traffic hook, the monitor) carry no
// parser and no schema compiler. Types only: nothing here runs.

/** One request, as a client sends it and as API Gateway would route it. */
export interface PlannedRequest {
  method: string;
  /** The path sent, the contract's parameters filled in, without the stage. */
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  headers: Record<string, string>;
  body: string;
  /** A body of this many bytes in place of `body`, made when sent (API Gateway's payload limit). */
  bodyBytes?: number;
  /** The route API Gateway matches (the contract's path, its `resource`); none for an unknown route. */
  resource?: string;
  pathParameters?: Record<string, string>;
}

/**
 * What a probe tries: the contract's example request of an operation, that request without a
 * required parameter, with a body the validator refuses or over API Gateway's limit, an unknown
 * route, a method its path does not serve, a browser's CORS preflight, or an event that is no
 * proxy event.
 */
export type ProbeKind =
  | 'example'
  | 'missing-parameter'
  | 'refused-body'
  | 'too-large'
  | 'unknown-route'
  | 'unserved-method'
  | 'preflight'
  | 'not-a-proxy-event';

/** One probe: a request, whose operation's responses its answer is checked against, and the answer expected. */
export interface PlannedProbe {
  kind: ProbeKind;
  /** What it tries, for people: `meditate: the contract's example request`. */
  name: string;
  operationId: string;
  /** None: an event that is no API Gateway proxy event, which only a direct invocation can send. */
  request?: PlannedRequest;
  expect: { status: number; code?: string };
  /** Who answers: the function (both views), or API Gateway before the function (the HTTP view only). */
  answeredBy: 'function' | 'gateway';
  /** Costs on every run (a 10 MB upload): `npm run smoke` sends it, the monitor does not. */
  costly?: boolean;
  /** Fields of the body that must differ across a batch of this same request. */
  varies?: string[];
}

export interface BatteryPlan {
  /** openapi.yaml's `info.version`. */
  contractVersion: string;
  /** Headers with a fixed value on every answer: the ones the gateway responses set on API Gateway's own. */
  headersOnEveryAnswer: Record<string, string>;
  probes: PlannedProbe[];
}
