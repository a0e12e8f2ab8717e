// What `npm start` prints once the API listens: where everything is, and a request to try per
// operation, the contract's example (lib/battery.ts) filled in.
import { relative } from 'node:path';
import type { PlannedRequest } from '../src/shared/battery/plan.ts';
import { headerValue } from '../src/shared/headers.ts';
import type { MockRoute } from './api-definition.ts';
import { exampleRequests } from './examples.ts';
import type { LocalApi } from './server.ts';

/** A word as a POSIX shell reads it back unchanged: quoted when it holds anything but plain characters. */
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/** The curl command that sends `request` to the stage: its method, headers, body and the path filled in. */
export const curlCommand = (stageUrl: string, { method, path, query, headers, body }: PlannedRequest): string =>
  [
    'curl -s -X',
    method,
    ...Object.entries(headers).flatMap(([name, value]) => ['-H', shellWord(`${name}: ${value}`)]),
    ...(body === '' ? [] : ['-d', shellWord(body)]),
    shellWord(`${stageUrl}${path}${query ? `?${query}` : ''}`),
  ].join(' ');

/** The start-up banner's lines: the title and stage, every route, the docs and the page, the endpoints, what to try. */
export const bannerLines = (api: LocalApi, inspectorUrl: string | undefined): string[] => {
  const { stage, routes, contract, openapiPath } = api.definition;
  const stageUrl = `${api.url}/${stage}`;
  const title = String((contract.document as { info?: { title?: string } }).info?.title ?? 'The API');
  const lines = [`\n${title}, stage ${stage}, served locally as API Gateway and Lambda would: ${api.url}`];
  for (const route of routes.filter(({ functionId }) => functionId !== undefined)) {
    const operation = route.operation.operationId ? ` (${route.operation.operationId})` : '';
    lines.push(`  ${route.method.padEnd(6)} ${stageUrl}${route.resource}  →  ${route.functionId}${operation}`);
  }
  const preflight = routes.find((route): route is MockRoute => route.functionId === undefined);
  if (preflight !== undefined) {
    const origin = headerValue(preflight.answer.headers, 'access-control-allow-origin');
    lines.push(
      `  OPTIONS on every path: the CORS preflight, answered by API Gateway itself (allowed origin: ${origin})`,
    );
  }
  lines.push(`  The stage prefix is optional here: ${api.url}/ serves what ${stageUrl}/ does.`);
  const source = relative(process.cwd(), openapiPath);
  lines.push(`  Docs: ${api.url}/docs  (the contract: ${api.url}/openapi.yaml, from ${source})`);
  if (api.pageUrl !== undefined) lines.push(`  "Ask the guru" page: ${api.pageUrl}  (calls ${stageUrl})`);
  if (api.lambdaUrl !== undefined) {
    const served = [...api.functions.keys()].join(', ');
    lines.push(
      `  Lambda endpoint (Invoke API): ${api.lambdaUrl}  →  ${served}; AWS_ENDPOINT_URL_LAMBDA=${api.lambdaUrl}`,
    );
  }
  if (inspectorUrl !== undefined)
    lines.push(
      `  Debugger: ${inspectorUrl}  (VS Code: "Debug the local API"; Chrome: chrome://inspect). Timeouts are lifted.`,
    );
  for (const { request } of exampleRequests(api.definition)) lines.push(`Try: ${curlCommand(stageUrl, request)}`);
  lines.push("Edits to the functions' sources are live on the next request. Ctrl+C stops.\n");
  return lines;
};
