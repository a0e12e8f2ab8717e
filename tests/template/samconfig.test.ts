// samconfig.toml: the environments it deploys, and the parameters it overrides.
import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { template } from '../support/template.ts';

describe('samconfig.toml', () => {
  describe('samconfig.toml', () => {
    type Section = { parameters: Record<string, unknown> };
    type Environment = { global: Section; deploy: Section };
    const config = parseToml(readFileSync(new URL('../../samconfig.toml', import.meta.url), 'utf8')) as {
      version: number;
      default: Environment;
      prod: Environment;
      'pipeline-dev': Environment;
      'pipeline-prod': Environment;
    };
    const overrides = (env: string) =>
      Object.fromEntries(
        String(config[env as 'default' | 'prod'].deploy.parameters.parameter_overrides)
          .split(' ')
          .map((pair) => pair.split('=')),
      );

    it('deploys dev and prod as separate stacks, prod with a gradual, confirmed deployment', () => {
      expect(config.version).toBe(0.1);
      expect(config.default.global.parameters.stack_name).not.toBe(config.prod.global.parameters.stack_name);
      expect(overrides('default').DeploymentType).toBe('AllAtOnce');
      expect(overrides('prod').DeploymentType).toMatch(/^(Canary|Linear)/);
      expect(config.prod.deploy.parameters.confirm_changeset).toBe(true);
    });

    it('deploys the same stacks with the same parameters from the pipeline, with its bucket and role instead of resolve_s3', () => {
      for (const [laptop, pipeline] of [
        ['default', 'pipeline-dev'],
        ['prod', 'pipeline-prod'],
      ] as const) {
        expect(config[pipeline].global.parameters.stack_name).toBe(config[laptop].global.parameters.stack_name);
        const { resolve_s3, confirm_changeset: _confirmed, ...deployed } = config[laptop].deploy.parameters;
        const { confirm_changeset, ...deployedByPipeline } = config[pipeline].deploy.parameters;
        expect(deployedByPipeline).toEqual(deployed);
        // sam deploy refuses resolve_s3 beside --s3-bucket; the laptop keeps it, for `sam deploy` as is.
        expect(resolve_s3).toBe(true);
        // A CI job cannot answer a prompt: the production environment's reviewers approve instead.
        expect(confirm_changeset).toBe(false);
      }
    });

    it('overrides only parameters the template declares, with allowed values', () => {
      for (const env of ['default', 'prod']) {
        for (const [name, value] of Object.entries(overrides(env))) {
          const parameter = template.Parameters?.[name] as { AllowedValues?: unknown[] } | undefined;
          expect(parameter, `${env}: ${name}`).toBeDefined();
          if (parameter?.AllowedValues) expect(parameter.AllowedValues.map(String), `${env}: ${name}`).toContain(value);
        }
      }
    });
  });
});
