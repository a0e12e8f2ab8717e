// The GitHub Actions side of the project as the tests read it: the workflows and the composite
// actions, parsed, and GitHub's own workflow parser (@actions/workflow-parser, offline) as validator.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../lib/project.ts';

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

export interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  environment?: string | { name: string; url?: string };
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  steps?: Step[];
}

export interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

export interface CompositeAction {
  name: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  runs: { using: string; steps: Step[] };
}

/** A file of the project, as text. */
export const projectFile = (path: string): string => readFileSync(join(PROJECT_ROOT, path), 'utf8');

/** .github/workflows/*.yml, by path. */
export const workflowFiles = (): string[] =>
  readdirSync(join(PROJECT_ROOT, '.github', 'workflows'))
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `.github/workflows/${file}`);

/** .github/actions/<name>/action.yml, by path. */
export const actionFiles = (): string[] =>
  readdirSync(join(PROJECT_ROOT, '.github', 'actions')).map((name) => `.github/actions/${name}/action.yml`);

export const readWorkflow = (path: string): Workflow => parse(projectFile(path)) as Workflow;
export const readAction = (path: string): CompositeAction => parse(projectFile(path)) as CompositeAction;

/** The steps a job runs, with the steps of the local composite actions it uses in their place. */
export const expandedSteps = (steps: Step[] = []): Step[] =>
  steps.flatMap((step) =>
    step.uses?.startsWith('./') ? [step, ...expandedSteps(readAction(`${step.uses}/action.yml`).runs.steps)] : [step],
  );

/** The environment a job runs in, if any. */
export const environmentOf = (job: Job): string | undefined =>
  typeof job.environment === 'string' ? job.environment : job.environment?.name;

/** `needs:` as a list. */
export const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : [job.needs].flat());

/**
 * What GitHub would say of a workflow: its schema errors, then the errors of converting it, with
 * the reusable workflows it calls in this repository read from disk and checked against it.
 */
export const workflowErrors = async (name: string, content: string): Promise<string[]> => {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  if (parsed.value !== undefined) {
    await convertWorkflowTemplate(
      parsed.context,
      parsed.value,
      { getFileContent: async (reference) => ({ name: reference.path, content: projectFile(reference.path) }) },
      { fetchReusableWorkflowDepth: 1 },
    );
  }
  return parsed.context.errors.getErrors().map((error) => error.message);
};

/** What GitHub would say of an action.yml. */
export const actionErrors = (name: string, content: string): string[] => {
  const parsed = parseAction({ name, content }, new NoOperationTraceWriter());
  if (parsed.value !== undefined) convertActionTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((error) => error.message);
};
