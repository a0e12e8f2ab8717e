// Where the permission proofs read their inputs (tests/permissions/, docs/deploy.md, "Permissions, proven offline").
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project.ts';

/** What CloudFormation's resource handlers need, per type and operation (scripts/handler-permissions.ts). */
export const HANDLER_PERMISSIONS_FILE = join(PROJECT_ROOT, 'tests/fixtures/permissions/handler-permissions.json');
