// `npm run permissions:data -- <schemas snapshot>`: writes
// tests/fixtures/permissions/handler-permissions.json, the permissions CloudFormation's resource
// handlers need to create, update and delete each resource type the translated stacks hold, read
// from the CloudFormation resource provider schemas (`handlers.<operation>.permissions`).
//
// <schemas snapshot> is a git clone (bare or not) of a repository that carries the registry's
// schemas: hashicorp/terraform-provider-awscc (internal/service/cloudformation/schemas/) or
// pulumi/pulumi-aws-native (aws-cloudformation-schema/). Its HEAD commit is recorded with the data.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HANDLER_PERMISSIONS_FILE } from '../lib/permissions/files.ts';
import { PROJECT_ROOT } from '../lib/project.ts';
import { type StackName, TRANSLATED_STACKS, translatedStack } from '../lib/translation/stacks.ts';

const OPERATIONS = ['create', 'update', 'delete'] as const;
type Handlers = Record<(typeof OPERATIONS)[number], string[]>;

const LAYOUTS = [
  {
    repository: 'hashicorp/terraform-provider-awscc',
    directory: 'internal/service/cloudformation/schemas',
    path: (type: string) => `internal/service/cloudformation/schemas/${type.replaceAll('::', '_')}.json`,
  },
  {
    repository: 'pulumi/pulumi-aws-native',
    directory: 'aws-cloudformation-schema',
    path: (type: string) => `aws-cloudformation-schema/${type.replaceAll('::', '-').toLowerCase()}.json`,
  },
];

/** Types the registry publishes no handler permissions for: their lists come from the service's documentation. */
const DOCUMENTED: Record<string, Handlers & { source: string }> = {
  // Budgets' permissions reference: CreateBudget, UpdateBudget, DeleteBudget and their notifications
  // and subscribers need budgets:ModifyBudget; DescribeBudget needs budgets:ViewBudget.
  'AWS::Budgets::Budget': {
    source: 'https://docs.aws.amazon.com/cost-management/latest/userguide/billing-permissions-ref.html',
    create: ['budgets:ModifyBudget', 'budgets:ViewBudget'],
    update: ['budgets:ModifyBudget', 'budgets:ViewBudget'],
    delete: ['budgets:ModifyBudget', 'budgets:ViewBudget'],
  },
  // A topic policy is the topic's Policy attribute: SetTopicAttributes sets it, and deleting the
  // resource sets it back to the default policy.
  // CloudFormation's own resource: it calls no other service.
  'AWS::CloudFormation::WaitConditionHandle': {
    source:
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-waitconditionhandle.html',
    create: [],
    update: [],
    delete: [],
  },
  'AWS::SNS::TopicPolicy': {
    source: 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html',
    create: ['sns:SetTopicAttributes'],
    update: ['sns:SetTopicAttributes'],
    delete: ['sns:SetTopicAttributes'],
  },
};

const snapshot = process.argv[2];
if (snapshot === undefined) {
  console.error('Usage: npm run permissions:data -- <git clone of terraform-provider-awscc or pulumi-aws-native>');
  process.exit(2);
}
const git = (...args: string[]) =>
  execFileSync('git', ['-C', snapshot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/** Whether HEAD holds the file: `git cat-file -e` exits 0 if so, 128 if not. */
const exists = (path: string) => {
  try {
    git('cat-file', '-e', `HEAD:${path}`);
    return true;
  } catch {
    return false;
  }
};

const types = [
  ...new Set(
    (Object.keys(TRANSLATED_STACKS) as StackName[]).flatMap((stack) =>
      Object.values(translatedStack(stack).Resources).map(({ Type }) => Type),
    ),
  ),
].sort();
const layout = LAYOUTS.find(({ path }) => exists(path('AWS::Lambda::Function')));
if (layout === undefined) throw new Error(`${snapshot} holds neither layout of the resource provider schemas`);

const handlers = Object.fromEntries(
  types.map((type) => {
    const path = layout.path(type);
    if (!exists(path)) {
      const documented = DOCUMENTED[type];
      if (documented === undefined) throw new Error(`${type}: no schema at ${path}, and no documented list here`);
      return [type, documented];
    }
    const schema = JSON.parse(git('show', `HEAD:${path}`)) as {
      handlers?: Partial<Record<string, { permissions?: string[] }>>;
    };
    return [
      type,
      Object.fromEntries(
        OPERATIONS.map((operation) => [operation, [...(schema.handlers?.[operation]?.permissions ?? [])].sort()]),
      ),
    ];
  }),
);

const data = {
  source: {
    repository: `https://github.com/${layout.repository}`,
    commit: git('rev-parse', 'HEAD').trim(),
    committed: git('log', '-1', '--format=%cI', 'HEAD').trim(),
    directory: layout.directory,
  },
  handlers,
};
writeFileSync(HANDLER_PERMISSIONS_FILE, `${JSON.stringify(data, null, 2)}\n`);
// In the project's format, so that npm test's lint passes on the generated file as it is.
execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', HANDLER_PERMISSIONS_FILE]);
console.log(`${types.length} types from ${layout.repository} ${data.source.commit}`);
