// The contract's example request of each operation the stage serves, as the battery makes them
// (lib/battery.ts): what the start-up banner offers to try, and the event `npm run invoke` sends
// when given none. Each names the function whose route answers it.
import { planBattery } from '../lib/battery.ts';
import { DefinitionError } from '../lib/errors.ts';
import type { PlannedRequest } from '../src/shared/battery/plan.ts';
import type { ApiDefinition, LocalFunction } from './api-definition.ts';
import { generateEvent } from './generate-event.ts';

export interface ExampleRequest {
  operationId: string;
  /** The function whose route answers it. */
  functionId: string;
  request: PlannedRequest;
}

/** The example request of each operation a function's route serves, in the routes' order. */
export const exampleRequests = (definition: ApiDefinition): ExampleRequest[] => {
  const { probes } = planBattery(definition.contract).plan;
  return definition.routes.flatMap(({ functionId, method, resource }) => {
    const probe = probes.find(
      ({ kind, request }) => kind === 'example' && request?.method === method && request.resource === resource,
    );
    return functionId === undefined || probe?.request === undefined
      ? []
      : [{ operationId: probe.operationId, functionId, request: probe.request }];
  });
};

/** The event of the first example request `fn` answers, as `npm run event` makes it. */
export const exampleEventFor = (definition: ApiDefinition, fn: LocalFunction) => {
  const example = exampleRequests(definition).find(({ functionId }) => functionId === fn.logicalId);
  if (example === undefined) {
    throw new DefinitionError(`${fn.logicalId} answers no operation of the contract: give it an event with --event`);
  }
  const { method, path, query, headers, body } = example.request;
  return generateEvent(definition, {
    method,
    path: query ? `${path}?${query}` : path,
    headers: Object.entries(headers).map(([name, value]) => `${name}:${value}`),
    body: Buffer.from(body),
  });
};
