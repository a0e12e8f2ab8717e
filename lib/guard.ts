// The security gate on what CloudFormation will really run: a processed template (SAM already
// expanded, as `aws cloudformation get-template --template-stage Processed` returns it) checked
// with AWS CloudFormation Guard against the AWS Control Tower proactive controls, both shipped by
// @cdklabs/cdk-validator-cfnguard. The stack's parameters are resolved first (Refs, Fn::Sub,
// conditions), so a rule sees the values the stack gets. A failing rule passes only when
// SECURITY.md lists it, for this environment, with the reason.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './project.ts';
import { LOCAL_PSEUDO_PARAMETERS, type ResolveOptions, resolveIntrinsics, type Template } from './template.ts';

const PACKAGE = join(PROJECT_ROOT, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard');
const CFN_GUARD = join(PACKAGE, 'bin', 'ubuntu', arch() === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
const RULES = join(PACKAGE, 'rules', 'control-tower', 'cfn-guard');
const run = promisify(execFile);

/** A rule that failed, and the resources that failed it. */
export interface RuleFailure {
  rule: string;
  resources: string[];
  /** Why SECURITY.md lets it pass here, if it does. */
  exemption?: string;
}

/** The rules SECURITY.md lists as not met on purpose: rule id → where (environments, or `all`) and why. */
export const readExemptions = async (
  securityFile = join(PROJECT_ROOT, 'SECURITY.md'),
): Promise<Map<string, { where: string[]; why: string }>> => {
  const rows = (await readFile(securityFile, 'utf8')).matchAll(
    // A row of the table, its cells padded or not (npm run format aligns them).
    /^\| `(CT\.[A-Z0-9]+\.PR\.\d+)` *\| ([^|]+)\| ([^|]+)\|$/gm,
  );
  return new Map(
    [...rows].map(([, rule, where, why]) => [
      rule as string,
      { where: (where as string).split(',').map((name) => name.trim()), why: (why as string).trim() },
    ]),
  );
};

/**
 * The template with its parameters (defaults, then `parameters`) and pseudo parameters resolved,
 * and the resources whose condition is false left out, as CloudFormation would leave them out.
 */
export const resolvedTemplate = (
  template: Template,
  parameters: Record<string, string>,
  stackName: string,
  resources?: ResolveOptions['resources'],
): Template => {
  const typed = Object.fromEntries(
    Object.entries(parameters).map(([name, value]) => {
      const type = template.Parameters?.[name] as { Type?: string } | undefined;
      return [name, type?.Type === 'Number' ? Number(value) : value];
    }),
  );
  const options = {
    parameters: typed,
    pseudo: { ...LOCAL_PSEUDO_PARAMETERS, 'AWS::StackName': stackName },
    ...(resources && { resources }),
  };
  const kept = Object.entries(template.Resources).filter(
    ([, resource]) =>
      resource.Condition === undefined ||
      resolveIntrinsics(template, { Condition: resource.Condition }, options) === true,
  );
  return {
    ...template,
    Resources: resolveIntrinsics(template, Object.fromEntries(kept), options) as Template['Resources'],
  };
};

/** The resources a failed rule names (`/Resources/<LogicalId>/...`). */
const resourcesIn = (report: unknown): string[] =>
  [...JSON.stringify(report).matchAll(/"\/Resources\/([A-Za-z0-9]+)/g)].map(([, id]) => id as string);

/** Checks the template against every Control Tower rule; the failures, each marked exempt or not. */
export const guardTemplate = async (
  template: Template,
  { environment, exemptions }: { environment: string; exemptions: Map<string, { where: string[]; why: string }> },
): Promise<RuleFailure[]> => {
  const directory = await mkdtemp(join(tmpdir(), 'guru-guard-'));
  try {
    const data = join(directory, 'template.json');
    await writeFile(data, JSON.stringify(template));
    const output = await run(
      CFN_GUARD,
      [
        'validate',
        '--data',
        data,
        '--rules',
        RULES,
        '--output-format',
        'json',
        '--show-summary',
        'none',
        '--structured',
      ],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
      // 19 is cfn-guard's exit code for "a rule failed"; any other is cfn-guard failing to run.
      if (error.code === 19 && error.stdout) return { stdout: error.stdout };
      throw new Error(`cfn-guard could not run: ${error.stderr ?? String(error)}`);
    });
    // --structured: one JSON list, a report per data file, each naming the rules it does not comply with.
    const [report] = JSON.parse(output.stdout) as { not_compliant?: unknown[] }[];
    const failures = new Map<string, Set<string>>();
    for (const failed of report?.not_compliant ?? []) {
      for (const [, rule] of JSON.stringify(failed).matchAll(/\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/g)) {
        const resources = failures.get(rule as string) ?? new Set<string>();
        for (const resource of resourcesIn(failed)) resources.add(resource);
        failures.set(rule as string, resources);
      }
    }
    return [...failures]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([rule, resources]) => {
        const exemption = exemptions.get(rule);
        const applies = exemption && (exemption.where.includes('all') || exemption.where.includes(environment));
        return { rule, resources: [...resources].sort(), ...(applies && { exemption: exemption.why }) };
      });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
};
