// Generated from the contract by `npm run generate`; never edit by hand.
import type { BatteryPlan } from '../src/shared/battery/plan.ts';

/** Every request a correct version must answer, and what it must answer (lib/battery.ts). */
export const BATTERY: BatteryPlan = {
  "contractVersion": "1.2.0",
  "headersOnEveryAnswer": {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Contract-Version": "1.2.0",
    "Access-Control-Expose-Headers": "x-amzn-RequestId, X-Contract-Version"
  },
  "probes": [
    {
      "kind": "example",
      "name": "meditate: the contract's example request",
      "operationId": "meditate",
      "request": {
        "method": "POST",
        "path": "/",
        "query": "",
        "headers": {},
        "body": "",
        "resource": "/",
        "pathParameters": {}
      },
      "expect": {
        "status": 200
      },
      "answeredBy": "function",
      "varies": [
        "meditation"
      ]
    },
    {
      "kind": "too-large",
      "name": "meditate: a body over API Gateway's 10 MB limit",
      "operationId": "meditate",
      "request": {
        "method": "POST",
        "path": "/",
        "query": "",
        "headers": {
          "Content-Type": "application/json"
        },
        "body": "",
        "resource": "/",
        "pathParameters": {},
        "bodyBytes": 10485761
      },
      "expect": {
        "status": 413,
        "code": "REQUEST_TOO_LARGE"
      },
      "answeredBy": "gateway",
      "costly": true
    },
    {
      "kind": "unknown-route",
      "name": "an unknown route",
      "operationId": "meditate",
      "request": {
        "method": "POST",
        "path": "/contract-battery/no-such-route",
        "query": "",
        "headers": {},
        "body": ""
      },
      "expect": {
        "status": 403,
        "code": "MISSING_AUTHENTICATION_TOKEN"
      },
      "answeredBy": "gateway"
    },
    {
      "kind": "unserved-method",
      "name": "GET /, a method the path does not serve",
      "operationId": "meditate",
      "request": {
        "method": "GET",
        "path": "/",
        "query": "",
        "headers": {},
        "body": ""
      },
      "expect": {
        "status": 403,
        "code": "MISSING_AUTHENTICATION_TOKEN"
      },
      "answeredBy": "gateway"
    },
    {
      "kind": "preflight",
      "name": "a CORS preflight of POST /",
      "operationId": "preflight",
      "request": {
        "method": "OPTIONS",
        "path": "/",
        "query": "",
        "headers": {
          "Origin": "https://contract-battery.example",
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "content-type"
        },
        "body": "",
        "resource": "/",
        "pathParameters": {}
      },
      "expect": {
        "status": 204
      },
      "answeredBy": "gateway"
    },
    {
      "kind": "not-a-proxy-event",
      "name": "an event that is no proxy event",
      "operationId": "meditate",
      "expect": {
        "status": 400,
        "code": "INVALID_EVENT"
      },
      "answeredBy": "function"
    }
  ]
};
