// `npm run client:build`: the client package (client/) built into client/dist/, ready for `npm pack`
// or `npm publish` in client/ (lib/client-package.ts says how).
import { readdir } from 'node:fs/promises';
import { relative } from 'node:path';
import { buildClient } from '../lib/client-package.ts';
import { PROJECT_ROOT } from '../lib/project.ts';

const distDir = await buildClient();
console.log(`${relative(PROJECT_ROOT, distDir)}/: ${(await readdir(distDir)).sort().join(', ')}`);
