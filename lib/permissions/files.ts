// Where the permission proofs read their inputs (tests/permissions/, README "Permissions, proven offline").
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project.ts';

/**
 * The stacks as the SAM translator expands template.yaml (regenerate with sam-transform, see
 * tests/fixtures/permissions/README.md): dev's parameters (also the previews') and prod's.
 */
export const TRANSLATED_STACK_FILES = {
  dev: join(PROJECT_ROOT, 'tests/fixtures/guard/processed-template.json'),
  prod: join(PROJECT_ROOT, 'tests/fixtures/permissions/processed-template-prod.json'),
} as const;

/** What CloudFormation's resource handlers need, per type and operation (scripts/handler-permissions.ts). */
export const HANDLER_PERMISSIONS_FILE = join(PROJECT_ROOT, 'tests/fixtures/permissions/handler-permissions.json');
