// Four sources agree on every operation, one check per source: the contract (an operationId, the
// headers every answer carries on each response, and what the battery that judges a version needs,
// lib/battery.ts: the examples it builds its requests from, and every status API Gateway or the
// function answers for any request listed), the implementations, the template (an API including the contract's definition,
// an integration invoking one of its functions, and an Api event on that function with the
// operation's method and path: SAM grants API Gateway permission to invoke the function per Api
// event, so without it every call fails) and the published docs; and nothing exists in one place
// without the others. Each problem names the operation and the file to edit.
import { normalize } from 'node:path';
import { planBattery } from './battery.ts';
import {
  type Contract,
  integrationTarget,
  type LocatedOperation,
  operationName as nameOf,
  type OpenApiDocument,
} from './contract.ts';
import { includedDefinition, type ServerlessFunction, serverlessFunctions, type Template } from './template.ts';

export interface ConsistencySources {
  /** The contract, and the file it was read from (for the messages). */
  contract: Contract;
  contractFile: string;
  template: Template;
  templateFile: string;
  /** The definition the template's API includes: the one generated from the contract (generated/openapi.apigateway.yaml). */
  definitionFile: string;
  /** The operationIds the function implements, and the file that lists them. */
  implemented: string[];
  implementationsFile: string;
  /** The contract as the docs publish it (redocly bundle, decorators applied). */
  published: OpenApiDocument;
}

/** Headers every answer carries, the function's and API Gateway's alike, so every response declares them. */
export const DECLARED_ON_EVERY_RESPONSE: Record<string, string> = {
  'Cache-Control': 'every answer is different, so none may be cached',
  'X-Contract-Version': 'the version of the contract served',
  'Access-Control-Allow-Origin': 'the origin whose pages may read it',
  'Access-Control-Expose-Headers': 'the headers those pages may read',
};

type ApiEvent = { Type?: string; Properties?: { RestApiId?: unknown; Path?: string; Method?: string } };

const apiEventsOf = (fn: ServerlessFunction) =>
  Object.entries((fn.properties.Events ?? {}) as Record<string, ApiEvent>).filter(([, event]) => event.Type === 'Api');

/**
 * The contract: every operation has an operationId and declares on each response the headers every
 * answer carries; and the battery can be built (lib/battery.ts): the examples its requests are
 * built from, and every status any request may be answered listed.
 */
const contractProblems = (operations: LocatedOperation[], { contract, contractFile }: ConsistencySources) => [
  ...operations.flatMap((operation) => {
    if (operation.operationId === undefined) {
      return [`${operation.method} ${operation.path} has no operationId: give it one in ${contractFile}.`];
    }
    const problems: string[] = [];
    for (const [status, response] of Object.entries(operation.responses)) {
      const { headers = {} } = response;
      const undeclared = Object.entries(DECLARED_ON_EVERY_RESPONSE).filter(([header]) => !(header in headers));
      if (undeclared.length === 0) continue;
      const listed = undeclared.map(([header, why]) => `${header} (${why})`).join(', ');
      problems.push(
        `${nameOf(operation)}'s ${status} response does not declare ${listed}: declare it in ${contractFile} as the other responses do (headers: *answer-headers declares every one).`,
      );
    }
    return problems;
  }),
  ...planBattery(contract, contractFile).problems,
];

/** The implementations: one for every operation, and none for an operation the contract lacks. */
const implementationProblems = (operations: LocatedOperation[], sources: ConsistencySources) => {
  const { implemented, implementationsFile, contractFile } = sources;
  const defined = new Set(operations.map(({ operationId }) => operationId));
  return [
    ...operations
      .filter(({ operationId }) => operationId !== undefined && !implemented.includes(operationId))
      .map(
        (operation) =>
          `${nameOf(operation)} has no implementation: implement ${operation.operationId} in ${implementationsFile}.`,
      ),
    ...implemented
      .filter((operationId) => !defined.has(operationId))
      .map(
        (operationId) =>
          `${implementationsFile} implements ${operationId}, which ${contractFile} does not define: remove it, or add the operation.`,
      ),
  ];
};

/** The APIs of the template whose definition is the contract's: an Api event must point at one of them. */
const apisOfContract = ({ template, templateFile, contractFile, definitionFile }: ConsistencySources) => {
  const apis = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Serverless::Api')
    .filter(([, resource]) => normalize(includedDefinition(resource) ?? '') === normalize(definitionFile))
    .map(([logicalId]) => logicalId);
  const problems =
    apis.length > 0
      ? []
      : [
          `${templateFile} has no AWS::Serverless::Api whose DefinitionBody includes ${definitionFile}, the definition npm run generate makes from ${contractFile}: include it (Fn::Transform: AWS::Include, Location: ./${normalize(definitionFile)}).`,
        ];
  return { apis, problems };
};

/** One operation in the template: its integration invokes a function the template has, through an Api event on it. */
const operationInTemplate = (
  operation: LocatedOperation,
  functions: Map<string, ServerlessFunction>,
  apis: string[],
  { templateFile, contractFile }: ConsistencySources,
): string[] => {
  const name = nameOf(operation);
  const target = integrationTarget(operation);
  const fn = target && functions.get(target.functionId);
  if (target === undefined) {
    return [
      `${name} has no x-amazon-apigateway-integration invoking a function: give it one in ${contractFile}, a $ref to its function's in components/x-amazon-apigateway-integrations.`,
    ];
  }
  if (fn === undefined) {
    return [
      `${name} integrates ${target.functionId}, which ${templateFile} does not define: fix the integration's uri in ${contractFile}'s components/x-amazon-apigateway-integrations.`,
    ];
  }
  const problems: string[] = [];
  if (fn.properties.AutoPublishAlias && target.attribute !== 'Alias') {
    problems.push(
      `${name} invokes \${${fn.logicalId}.Arn}, but SAM grants API Gateway the alias only: use \${${fn.logicalId}.Alias} in ${contractFile}.`,
    );
  }
  const { method, path } = operation;
  const event = apiEventsOf(fn).find(
    ([, { Properties }]) =>
      Properties?.Path === path &&
      Properties.Method?.toUpperCase() === method &&
      apis.includes(String((Properties.RestApiId as { Ref?: unknown } | undefined)?.Ref)),
  );
  if (event === undefined) {
    problems.push(
      `${name} has no Api event on ${fn.logicalId}, so API Gateway may not invoke it: add one under ${fn.logicalId}'s Events in ${templateFile} (Type: Api, RestApiId: !Ref ${apis[0] ?? 'the API'}, Path: ${path}, Method: ${method.toLowerCase()}).`,
    );
  }
  return problems;
};

/** Api events that match no operation of the contract integrating their function. */
const strayEvents = (
  operations: LocatedOperation[],
  functions: Map<string, ServerlessFunction>,
  { templateFile, contractFile }: ConsistencySources,
) =>
  [...functions.values()].flatMap((fn) =>
    apiEventsOf(fn)
      .filter(
        ([, { Properties }]) =>
          !operations.some(
            (operation) =>
              operation.path === Properties?.Path &&
              operation.method === Properties?.Method?.toUpperCase() &&
              integrationTarget(operation)?.functionId === fn.logicalId,
          ),
      )
      .map(
        ([eventName, { Properties }]) =>
          `${templateFile}: ${fn.logicalId}'s Api event ${eventName} (${Properties?.Method?.toUpperCase()} ${Properties?.Path}) matches no operation of ${contractFile} that integrates ${fn.logicalId}: remove the event, or add the operation.`,
      ),
  );

/** The template: an API includes the contract's definition, each operation is integrated and permitted, no stray Api event. */
const templateProblems = (operations: LocatedOperation[], sources: ConsistencySources) => {
  const functions = new Map(serverlessFunctions(sources.template).map((fn) => [fn.logicalId, fn]));
  const { apis, problems } = apisOfContract(sources);
  return [
    ...problems,
    ...operations
      .filter(({ operationId }) => operationId !== undefined)
      .flatMap((operation) => operationInTemplate(operation, functions, apis, sources)),
    ...strayEvents(operations, functions, sources),
  ];
};

/** The published docs: every operation is there, with a summary and a description. */
const docsProblems = (operations: LocatedOperation[], { published, contractFile }: ConsistencySources) =>
  operations
    .filter(({ operationId }) => operationId !== undefined)
    .flatMap((operation) => {
      const entry = published.paths?.[operation.path]?.[operation.method.toLowerCase() as 'get'];
      if (entry === undefined) {
        return [`${nameOf(operation)} is missing from the published docs: the decorators in redocly.yaml remove it.`];
      }
      if (entry.summary?.trim() && entry.description?.trim()) return [];
      return [
        `${nameOf(operation)} has no ${entry.summary?.trim() ? 'description' : 'summary'} for the docs: write one in ${contractFile} (Redoc shows it as the operation's title and text).`,
      ];
    });

/** Every way the four sources disagree, source by source; none when they agree. */
export const consistencyProblems = (sources: ConsistencySources): string[] => {
  const operations = sources.contract.functionOperations();
  return [contractProblems, implementationProblems, templateProblems, docsProblems].flatMap((check) =>
    check(operations, sources),
  );
};
