// `npm run smoke -- <base URL>`: checks a running deployment (local or AWS) against openapi.yaml
// and reports every mismatch. Exits 1 when a check fails, 2 when the API cannot be reached.
import { randomUUID } from 'node:crypto';
import { createMeditationsClient } from '../lib/client.ts';
import { contract } from '../lib/contract.ts';

export interface SmokeCheck {
  name: string;
  problems: string[];
}

/** The problems with one answer: contract, headers every answer carries, and the request id. */
const problemsOf = (response: Response, body: string, expectedStatus: number, expectedCode?: string): string[] => {
  const answer = { statusCode: response.status, headers: Object.fromEntries(response.headers.entries()), body };
  const problems: string[] = [];
  if (answer.statusCode !== expectedStatus) problems.push(`status ${answer.statusCode}, expected ${expectedStatus}`);
  problems.push(...contract.checkResponse('meditate', answer).errors);
  if (response.headers.get('cache-control') !== 'no-store')
    problems.push(`Cache-Control is "${response.headers.get('cache-control')}", expected "no-store"`);
  if (response.headers.get('x-content-type-options') !== 'nosniff')
    problems.push('X-Content-Type-Options: nosniff is missing');
  const requestId = response.headers.get('x-amzn-requestid');
  if (!requestId) problems.push('x-amzn-RequestId header is missing');
  if (expectedCode !== undefined) {
    try {
      const body = JSON.parse(answer.body) as { code?: string; requestId?: string };
      if (body.code !== expectedCode) problems.push(`code ${body.code}, expected ${expectedCode}`);
      if (requestId && body.requestId !== requestId)
        problems.push(`body requestId ${body.requestId} differs from x-amzn-RequestId ${requestId}`);
    } catch {
      // Already reported by the contract check as "body is not JSON".
    }
  }
  return problems;
};

/** Runs every check against the API at `baseUrl`. */
export const runSmoke = async (baseUrl: string): Promise<SmokeCheck[]> => {
  const client = createMeditationsClient(baseUrl);
  const root = baseUrl.replace(/\/+$/, '');
  const checks: SmokeCheck[] = [];

  const { data, error, response } = await client.POST('/', { parseAs: 'text' });
  checks.push({
    name: 'POST / answers a meditation',
    problems: problemsOf(response, String(data ?? error ?? ''), 200),
  });

  const unknownRoute = await fetch(`${root}/smoke-${randomUUID()}`, { method: 'POST' });
  checks.push({
    name: 'an unknown route answers 403 with the error body',
    problems: problemsOf(unknownRoute, await unknownRoute.text(), 403, 'MISSING_AUTHENTICATION_TOKEN'),
  });

  const wrongMethod = await fetch(`${root}/`, { method: 'GET' });
  checks.push({
    name: 'GET / answers 403 with the error body',
    problems: problemsOf(wrongMethod, await wrongMethod.text(), 403, 'MISSING_AUTHENTICATION_TOKEN'),
  });
  return checks;
};

if (import.meta.main) {
  const baseUrl = process.argv[2];
  if (baseUrl === undefined || !/^https?:\/\//.test(baseUrl)) {
    console.error(
      'Usage: npm run smoke -- <base URL>   e.g. http://127.0.0.1:3000 or https://abc123.execute-api.eu-west-1.amazonaws.com/v1',
    );
    process.exit(2);
  }
  try {
    const checks = await runSmoke(baseUrl);
    for (const { name, problems } of checks) {
      console.log(`${problems.length === 0 ? '✔' : '✘'} ${name}`);
      for (const problem of problems) console.log(`    ${problem}`);
    }
    const failed = checks.filter(({ problems }) => problems.length > 0).length;
    console.log(`\n${checks.length - failed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  } catch (error) {
    console.error(`Cannot reach ${baseUrl}: ${(error as Error).cause ?? (error as Error).message}`);
    process.exit(2);
  }
}
