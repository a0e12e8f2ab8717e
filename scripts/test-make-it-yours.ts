// `npm run test:make-it-yours`: docs/make-it-yours.md applied to a copy of the project
// (tests/support/make-it-yours.ts), then the copy's whole `npm test`, as its owner would run it.
// Exits with that run's status; the copy is removed after, unless --keep says to print and keep it.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { madeProject } from '../tests/support/make-it-yours.ts';

const USAGE = 'Usage: npm run test:make-it-yours [-- --keep]';

let keep = false;
try {
  const { values } = parseArgs({ options: { keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  keep = values.keep === true;
} catch (error) {
  console.error(`test:make-it-yours: ${(error as Error).message.split('. ')[0]}. ${USAGE}`);
  process.exit(2);
}

const directory = madeProject();
console.log(`The project made into a quotes API by docs/make-it-yours.md: ${directory}\nIts npm test:`);
const { status } = spawnSync('npm', ['test'], { cwd: directory, stdio: 'inherit' });
if (keep) console.log(`Kept ${directory}`);
else rmSync(directory, { recursive: true, force: true });
process.exit(status ?? 1);
