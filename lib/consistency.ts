// One check, four sources. Every operation of the contract has an implementation, an integration
// that invokes a function of the template, an Api event on that function with the operation's
// method and path (SAM grants API Gateway permission to invoke the function per Api event, so
// without it every call fails), an entry in the published docs, and the examples its requests are
// built from for the battery that judges a version (lib/battery.ts); and nothing exists in one
// place without the others. Each problem names the operation and the file to edit.
import { basename } from 'node:path';
import { planBattery } from './battery.ts';
import type { Contract, OpenApiDocument } from './contract.ts';
import { integrationTarget } from './contract.ts';
import { includedDefinition, type ServerlessFunction, serverlessFunctions, type Template } from './template.ts';

export interface ConsistencySources {
  /** The contract, and the file it was read from (for the messages). */
  contract: Contract;
  contractFile: string;
  template: Template;
  templateFile: string;
  /** The operationIds the function implements, and the file that lists them. */
  implemented: string[];
  implementationsFile: string;
  /** The contract as the docs publish it (redocly bundle, decorators applied). */
  published: OpenApiDocument;
}

type ApiEvent = { Type?: string; Properties?: { RestApiId?: unknown; Path?: string; Method?: string } };

const apiEventsOf = (fn: ServerlessFunction) =>
  Object.entries((fn.properties.Events ?? {}) as Record<string, ApiEvent>).filter(([, event]) => event.Type === 'Api');

/** Every way the four sources disagree; none when they agree. */
export const consistencyProblems = (sources: ConsistencySources): string[] => {
  const { contract, contractFile, template, templateFile, implemented, implementationsFile, published } = sources;
  const problems: string[] = [];
  const functions = new Map(serverlessFunctions(template).map((fn) => [fn.logicalId, fn]));
  // The APIs whose definition is this contract: an Api event must point at one of them.
  const apis = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Serverless::Api')
    .filter(([, resource]) => basename(includedDefinition(resource) ?? '') === basename(contractFile))
    .map(([logicalId]) => logicalId);
  const refersToApi = (restApiId: unknown) => apis.includes(String((restApiId as { Ref?: unknown } | undefined)?.Ref));
  const operations = contract.operations();

  for (const operation of operations) {
    const { method, path, operationId } = operation;
    const name = `operation ${operationId ?? '(no operationId)'} (${method} ${path})`;
    if (operationId === undefined) {
      problems.push(`${method} ${path} has no operationId: give it one in ${contractFile}.`);
      continue;
    }
    if (!implemented.includes(operationId)) {
      problems.push(`${name} has no implementation: implement ${operationId} in ${implementationsFile}.`);
    }

    const target = integrationTarget(operation);
    const fn = target && functions.get(target.functionId);
    if (target === undefined) {
      problems.push(
        `${name} has no x-amazon-apigateway-integration invoking a function: give it one in ${contractFile} (copy another operation's).`,
      );
    } else if (fn === undefined) {
      problems.push(
        `${name} integrates ${target.functionId}, which ${templateFile} does not define: fix the integration's uri in ${contractFile}.`,
      );
    } else {
      if (fn.properties.AutoPublishAlias && target.attribute !== 'Alias') {
        problems.push(
          `${name} invokes \${${fn.logicalId}.Arn}, but SAM grants API Gateway the alias only: use \${${fn.logicalId}.Alias} in ${contractFile}.`,
        );
      }
      const event = apiEventsOf(fn).find(
        ([, { Properties }]) =>
          Properties?.Path === path && Properties.Method?.toUpperCase() === method && refersToApi(Properties.RestApiId),
      );
      if (event === undefined) {
        problems.push(
          `${name} has no Api event on ${fn.logicalId}, so API Gateway may not invoke it: add one under ${fn.logicalId}'s Events in ${templateFile} (Type: Api, RestApiId: !Ref ${apis[0] ?? 'the API'}, Path: ${path}, Method: ${method.toLowerCase()}).`,
        );
      }
    }

    const entry = published.paths?.[path]?.[method.toLowerCase() as 'get'];
    if (entry === undefined) {
      problems.push(`${name} is missing from the published docs: the decorators in redocly.yaml remove it.`);
    } else if (!entry.summary?.trim() || !entry.description?.trim()) {
      problems.push(
        `${name} has no ${entry.summary?.trim() ? 'description' : 'summary'} for the docs: write one in ${contractFile} (Redoc shows it as the operation's title and text).`,
      );
    }
  }

  problems.push(...planBattery(contract, contractFile).problems);

  const defined = new Set(operations.map(({ operationId }) => operationId));
  for (const operationId of implemented.filter((id) => !defined.has(id))) {
    problems.push(
      `${implementationsFile} implements ${operationId}, which ${contractFile} does not define: remove it, or add the operation.`,
    );
  }
  for (const fn of functions.values()) {
    for (const [eventName, { Properties }] of apiEventsOf(fn)) {
      const method = Properties?.Method?.toUpperCase();
      const matched = operations.some(
        (operation) =>
          operation.path === Properties?.Path &&
          operation.method === method &&
          integrationTarget(operation)?.functionId === fn.logicalId,
      );
      if (!matched) {
        problems.push(
          `${templateFile}: ${fn.logicalId}'s Api event ${eventName} (${method} ${Properties?.Path}) matches no operation of ${contractFile} that integrates ${fn.logicalId}: remove the event, or add the operation.`,
        );
      }
    }
  }
  return problems;
};
