// This project's contract, loaded once for the tests, with the validators `npm run generate` wrote.
import { responses } from '../../generated/validators.js';
import { loadContract } from '../../lib/contract.ts';
import { projectFile } from '../../lib/project.ts';

export const contract = loadContract(projectFile('openapi.yaml'), responses);

/** The operation `withSummaryEdited` edits: the contract's first a function answers. */
export const EDITED_OPERATION = contract.functionOperations()[0]!;

/** openapi.yaml's text with that operation's summary edited, as a user edits the contract. */
export const withSummaryEdited = (text: string): string => {
  const edited = text.replace(`summary: ${EDITED_OPERATION.summary}`, 'summary: An edited summary');
  if (edited === text) throw new Error(`openapi.yaml has no "summary: ${EDITED_OPERATION.summary}" to edit`);
  return edited;
};
