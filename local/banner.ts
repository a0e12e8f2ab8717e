// What `npm start` prints once the API listens: where everything is, and a request to try.
import { relative } from 'node:path';
import { headerValue } from '../src/shared/headers.ts';
import type { MockRoute } from './api-definition.ts';
import type { LocalApi } from './server.ts';

/** The start-up banner's lines: the title and stage, every route, the docs, the endpoints, what to try. */
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
  const first = routes.find(({ functionId }) => functionId !== undefined);
  if (first) lines.push(`Try: curl -s -X ${first.method} ${stageUrl}${first.resource}`);
  lines.push("Edits to the functions' sources are live on the next request. Ctrl+C stops.\n");
  return lines;
};
