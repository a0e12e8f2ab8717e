// `npm run smoke -- <base URL> [--timeout <ms>]`: checks a running deployment (local or AWS)
// against openapi.yaml and reports every mismatch with what was received. Exits 1 when a check
// fails, 2 when the API cannot be reached or does not answer in time.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { responses } from '../generated/validators.js';
import { createMeditationsClient } from '../lib/client.ts';
import { loadContract } from '../lib/contract.ts';
import { projectFile } from '../lib/project.ts';

const contract = loadContract(projectFile('openapi.yaml'), responses);
import { CONTRACT_VERSION } from '../src/contract.ts';

export interface SmokeCheck {
  name: string;
  problems: string[];
  /** The contract version the answer said it serves (X-Contract-Version), if it said one. */
  contractVersion?: string;
}

/** What one request received, read once: the status, the headers and the body as text. */
interface Received {
  status: number;
  headers: Headers;
  body: string;
}

export interface SmokeOptions {
  /** Each request's limit; past it, the run stops with an error. @default 10_000 */
  timeoutMs?: number;
}

const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

const headerProblem = (headers: Headers, name: string, expected: string) => {
  const value = headers.get(name);
  if (value === null) return [`${name} is missing, expected "${expected}"`];
  return value === expected ? [] : [`${name} is "${value}", expected "${expected}"`];
};

/**
 * The problems with one answer: status, contract (body and declared headers, Cache-Control among
 * them), the headers every answer carries beyond the contract, the contract version served (this
 * openapi.yaml's), and the request id.
 */
const problemsOf = ({ status, headers, body }: Received, expectedStatus: number, expectedCode?: string): string[] => {
  const problems: string[] = [];
  const served = headers.get('x-contract-version');
  if (served !== null && served !== CONTRACT_VERSION)
    problems.push(`serves contract ${served}, but openapi.yaml here is ${CONTRACT_VERSION}`);
  if (status !== expectedStatus) problems.push(`status ${status}, expected ${expectedStatus}; body: ${excerpt(body)}`);
  const check = contract.checkResponse('meditate', { statusCode: status, headers: Object.fromEntries(headers), body });
  problems.push(...check.errors.map((error) => `contract: ${error}`));
  problems.push(...headerProblem(headers, 'x-content-type-options', 'nosniff'));
  const requestId = headers.get('x-amzn-requestid');
  if (!requestId) problems.push('x-amzn-RequestId is missing');
  if (expectedCode !== undefined) {
    let parsed: { code?: unknown; requestId?: unknown } | undefined;
    try {
      parsed = JSON.parse(body);
    } catch {
      // The contract check above already says the body is not JSON.
    }
    if (parsed !== undefined && parsed.code !== expectedCode)
      problems.push(`code ${String(parsed.code)}, expected ${expectedCode}`);
    if (parsed !== undefined && requestId && parsed.requestId !== requestId) {
      problems.push(`body requestId ${String(parsed.requestId)} differs from x-amzn-RequestId ${requestId}`);
    }
  }
  return problems;
};

/** A request that did not answer in time, said plainly. */
export class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
}

/** Runs every check against the API at `baseUrl`. */
export const runSmoke = async (baseUrl: string, { timeoutMs = 10_000 }: SmokeOptions = {}): Promise<SmokeCheck[]> => {
  const root = baseUrl.replace(/\/+$/, '');
  let last: Received | undefined;
  // Every request, the typed client's too, goes through here: a time limit, and the body kept as
  // received (the client parses error bodies itself).
  const recordingFetch = async (input: Request | string | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    try {
      const response = await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const body = await response.text();
      last = { status: response.status, headers: response.headers, body };
      return new Response(body, { status: response.status, headers: response.headers });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError')
        throw new NoAnswerError(`${url} did not answer within ${timeoutMs} ms`);
      throw error;
    }
  };
  const received = async (request: Promise<unknown>): Promise<Received> => {
    await request;
    return last as Received;
  };
  const checked = (name: string, answer: Received, expectedStatus: number, expectedCode?: string): SmokeCheck => {
    const contractVersion = answer.headers.get('x-contract-version');
    return {
      name,
      problems: problemsOf(answer, expectedStatus, expectedCode),
      ...(contractVersion === null ? {} : { contractVersion }),
    };
  };
  const client = createMeditationsClient(root, recordingFetch as typeof fetch);

  return [
    checked('POST / answers a meditation', await received(client.POST('/')), 200),
    checked(
      'an unknown route answers 403 with the error body',
      await received(recordingFetch(`${root}/smoke-${randomUUID()}`, { method: 'POST' })),
      403,
      'MISSING_AUTHENTICATION_TOKEN',
    ),
    checked(
      'GET / answers 403 with the error body',
      await received(recordingFetch(`${root}/`, { method: 'GET' })),
      403,
      'MISSING_AUTHENTICATION_TOKEN',
    ),
  ];
};

const USAGE =
  'Usage: npm run smoke -- <base URL> [--timeout <ms>]   e.g. http://127.0.0.1:3000 or https://abc123.execute-api.eu-west-1.amazonaws.com/v1';

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { timeout: { type: 'string', default: '10000' } },
    allowPositionals: true,
  });
  const [baseUrl] = positionals;
  const timeoutMs = Number(values.timeout);
  if (baseUrl === undefined || !/^https?:\/\//.test(baseUrl) || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    const checks = await runSmoke(baseUrl, { timeoutMs });
    for (const { name, problems, contractVersion = 'no X-Contract-Version' } of checks) {
      console.log(`${problems.length === 0 ? '✔' : '✘'} ${name} (contract ${contractVersion})`);
      for (const problem of problems) console.log(`    ${problem}`);
    }
    const served = [...new Set(checks.map(({ contractVersion }) => contractVersion ?? 'none'))].join(', ');
    console.log(`\nContract version served: ${served} (openapi.yaml here: ${CONTRACT_VERSION})`);
    const failed = checks.filter(({ problems }) => problems.length > 0).length;
    console.log(`${checks.length - failed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  } catch (error) {
    const reason =
      error instanceof NoAnswerError ? error.message : ((error as Error).cause ?? (error as Error).message);
    console.error(`Cannot check ${baseUrl}: ${String(reason)}`);
    process.exit(2);
  }
}
