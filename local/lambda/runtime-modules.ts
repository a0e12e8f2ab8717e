// What Lambda's Node.js runtime provides beside the function's code: the AWS SDK v3, found through
// NODE_PATH (/var/runtime/node_modules there). A bundle that leaves @aws-sdk/* external, as the
// template's PreTrafficHook does, runs here as there; any other module left out of a bundle fails
// here as it would on Lambda, since only @aws-sdk is exposed.
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/project.ts';

let directory: string | undefined;

/** A folder holding only `@aws-sdk` (the project's own), made once per process and removed at exit. */
export const runtimeNodePath = (): string => {
  if (directory === undefined) {
    const made = mkdtempSync(join(tmpdir(), 'guru-runtime-'));
    symlinkSync(join(PROJECT_ROOT, 'node_modules', '@aws-sdk'), join(made, '@aws-sdk'), 'dir');
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    directory = made;
  }
  return directory;
};
