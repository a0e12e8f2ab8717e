// Every call CloudFormation's resource handlers make to create, update and delete a stack's
// resources, on the ARN each resource will have, as handler-review.ts reads the published handler
// permissions.
import { readFileSync } from 'node:fs';
import { HANDLER_PERMISSIONS_FILE } from '../../../lib/permissions/files.ts';
import { LEFT_OUT, ON_OTHER_RESOURCES } from '../handler-review.ts';
import type { Call } from './simulate.ts';
import type { DeployedStack } from './stacks.ts';

type Operation = 'create' | 'update' | 'delete';
export const HANDLER_PERMISSIONS = JSON.parse(readFileSync(HANDLER_PERMISSIONS_FILE, 'utf8')) as {
  source: { repository: string; commit: string; committed: string };
  handlers: Record<string, Record<Operation, string[]> & { source?: string }>;
};

export interface HandlerCalls {
  calls: Call[];
  /** What the review does not account for: a type with no recorded permissions, an action with no target. */
  unreviewed: string[];
}

/** API Gateway creates with a POST on the collection: /restapis, /restapis/<id>/stages, … */
const collectionOf = (arn: string) => arn.replace(/\/[^/]+$/, '');

/** The calls deploying `stack` makes, create, update and delete, through its execution role. */
export const handlerCalls = (
  stack: DeployedStack,
  bootstrap: DeployedStack,
  handlers = HANDLER_PERMISSIONS.handlers,
): HandlerCalls => {
  const calls: Call[] = [];
  const unreviewed: string[] = [];
  for (const resource of Object.values(stack.resources)) {
    const recorded = handlers[resource.Type];
    if (recorded === undefined) {
      unreviewed.push(
        `${resource.logicalId}: ${resource.Type} has no recorded handler permissions (run npm run permissions:data -- <schemas snapshot>)`,
      );
      continue;
    }
    const ownService = resource.Type.split('::')[1]?.toLowerCase();
    for (const operation of ['create', 'update', 'delete'] as const) {
      for (const action of recorded[operation]) {
        if (LEFT_OUT[resource.Type]?.[action] !== undefined) continue;
        const why = `${operation} ${resource.logicalId} (${resource.Type})`;
        const target = ON_OTHER_RESOURCES[resource.Type]?.[action];
        if (target !== undefined) calls.push({ action, why, ...target(resource, { stack, bootstrap }) });
        else if (action === 'apigateway:POST') calls.push({ action, why, resource: collectionOf(resource.arn) });
        else if (action.split(':')[0] !== ownService) {
          unreviewed.push(`${why} needs ${action}, which tests/permissions/handler-review.ts does not place`);
        } else if (resource.arn === '') {
          unreviewed.push(`${why} needs ${action} on its ARN, which tests/permissions/support/stacks.ts does not name`);
        } else calls.push({ action, why, resource: resource.arn });
      }
    }
  }
  return { calls, unreviewed };
};
