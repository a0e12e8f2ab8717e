// What changed between two versions of the contract, for the clients that use it: each change with
// the operation it touches, its JSON pointer, what changed, and a verdict (breaking, compatible, or
// docs only). api-smart-diff finds and classifies the changes; the few rules below correct it where
// it is wrong or silent for this project, each named and tested (tests/contract-diff/).
import { apiCompare, type Diff } from 'api-smart-diff';
import { isScalar } from '../src/shared/values.ts';
import { HTTP_METHODS, type OpenApiDocument, type OpenApiSource } from './contract.ts';
import { gatewayDefinition } from './gateway-definition.ts';

/** breaking: an existing client may fail. compatible: what the API accepts or answers changed, and no client fails. docs: words only. */
export type Verdict = 'breaking' | 'compatible' | 'docs';

export interface ContractChange {
  /** `POST / (meditate)`, the path alone for a change to a whole path, or `(whole API)`. */
  operation: string;
  /** RFC 6901 pointer into openapi.yaml. */
  pointer: string;
  change: string;
  verdict: Verdict;
  /** The project rule that set the verdict, when it is not the library's. */
  rule?: string;
}

type Path = Diff['path'];

interface Rule {
  name: string;
  verdict: Verdict;
  applies: (diff: Diff) => boolean;
}

const isMethod = (key: unknown) => (HTTP_METHODS as readonly unknown[]).includes(key);
const inOperation = (path: Path) => path[0] === 'paths' && isMethod(path[2]);
/** The status of the response a path lies in, if it lies in one. */
const responseStatus = (path: Path) => (inOperation(path) && path[3] === 'responses' ? Number(path[4]) : undefined);

/**
 * The project's own rules, first match wins. The library calls a changed `type` compatible, a new
 * required request body compatible, and an edited example unclassified; and this project treats
 * error codes as open (openapi.yaml, ErrorCode).
 */
export const RULES: readonly Rule[] = [
  {
    name: 'a changed type breaks: clients send and parse the old one',
    verdict: 'breaking',
    applies: ({ action, path }) => inOperation(path) && action === 'replace' && path.at(-1) === 'type',
  },
  {
    name: 'a new required request body breaks: clients send none',
    verdict: 'breaking',
    applies: ({ action, path, after }) =>
      inOperation(path) &&
      action === 'add' &&
      path.length === 4 &&
      path[3] === 'requestBody' &&
      (after as { required?: boolean } | undefined)?.required === true,
  },
  {
    name: 'error codes are open: clients handle an unknown code by its status',
    verdict: 'compatible',
    applies: ({ action, path }) => action === 'add' && (responseStatus(path) ?? 0) >= 400 && path.at(-2) === 'enum',
  },
  {
    name: 'examples are documentation',
    verdict: 'docs',
    applies: ({ path }) =>
      path.some((key, index) => (key === 'example' || key === 'examples') && path[index - 1] !== 'properties'),
  },
];

const LIBRARY_VERDICTS: Record<Diff['type'], Verdict> = {
  breaking: 'breaking',
  'non-breaking': 'compatible',
  deprecated: 'compatible',
  // Whatever the library cannot classify still changes the contract: a minor version at least.
  unclassified: 'compatible',
  annotation: 'docs',
};

const AWS_EXTENSION = /^x-amazon-apigateway-/;

/**
 * The contract as clients read it, the view the docs publish (redocly/strip-apigateway-extensions.js):
 * API Gateway's configuration left out, and every operation given a parameter list, so that the
 * library judges a first parameter on its own (required or not) rather than as a new list.
 */
export const clientView = (document: OpenApiDocument): OpenApiDocument => {
  const view = JSON.parse(
    JSON.stringify(document, (key, value) => (AWS_EXTENSION.test(key) ? undefined : value)),
  ) as OpenApiDocument;
  for (const item of Object.values(view.paths ?? {}))
    for (const method of HTTP_METHODS) if (item[method]) item[method].parameters ??= [];
  return view;
};

const pointerOf = (path: Path) =>
  `/${path.map((key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

const operationOf = (path: Path, documents: OpenApiDocument[]) => {
  if (path[0] !== 'paths' || path[1] === undefined) return '(whole API)';
  const route = String(path[1]);
  if (!isMethod(path[2])) return route;
  const method = String(path[2]);
  const operationId = documents.map((document) => document.paths?.[route]?.[method]?.operationId).find(Boolean);
  return `${method.toUpperCase()} ${route}${operationId ? ` (${operationId})` : ''}`;
};

const DONE: Record<Diff['action'], string> = {
  add: 'Added',
  remove: 'Removed',
  replace: 'Replaced',
  rename: 'Renamed',
};

/** The library's words, led by the action and what it touched where the library leaves them out. */
const describe = ({ description, action, path, before, after }: Diff) => {
  const words = description?.trim() ?? '';
  if (words.startsWith('[')) return words;
  const key = String(path.findLast((segment) => typeof segment === 'string' && !/^\d+$/.test(segment)));
  const value = [after, before].find(isScalar);
  return [`[${DONE[action]}]`, value === undefined ? key : `${key} ${JSON.stringify(value)}`, words]
    .filter(Boolean)
    .join(' ');
};

/**
 * Every change from `base` to `head` a client could notice, in the order the library reports them.
 * Both are compared in the contract's one resolved form (lib/gateway-definition.ts), so an answer
 * shared through components is the same answer as one written out under each operation. Changes
 * under components are reported where clients meet them (the operations that use them), and
 * info.version, the subject of the version rule, is left out.
 */
export const contractChanges = (base: OpenApiSource, head: OpenApiSource): ContractChange[] => {
  const before = gatewayDefinition(base);
  const after = gatewayDefinition(head);
  return apiCompare(clientView(before), clientView(after))
    .diffs.filter(({ path }) => path[0] !== 'components' && pointerOf(path) !== '/info/version')
    .map((diff) => {
      const rule = RULES.find(({ applies }) => applies(diff));
      return {
        operation: operationOf(diff.path, [after, before]),
        pointer: pointerOf(diff.path),
        change: describe(diff),
        verdict: rule?.verdict ?? LIBRARY_VERDICTS[diff.type],
        ...(rule && rule.verdict !== LIBRARY_VERDICTS[diff.type] ? { rule: rule.name } : {}),
      };
    });
};
