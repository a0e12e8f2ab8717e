// This project's contract, loaded once for the tests, with the validators `npm run generate` wrote.
import { responses } from '../../generated/validators.js';
import { loadContract } from '../../lib/contract.ts';
import { projectFile } from '../../lib/project.ts';

export const contract = loadContract(projectFile('openapi.yaml'), responses);
