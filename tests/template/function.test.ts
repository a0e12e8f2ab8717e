// The function in template.yaml: its entry point, runtime, alarms and rollback, and the bundle sam build makes of it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFunction } from '../../lib/bundle.ts';
import { contract } from '../support/contract.ts';
import { exampleEvent, exampleOf } from '../support/examples.ts';
import { fn, functionEnvironment, projectNodeMajor, resourcesOfType, template } from '../support/template.ts';

describe('template.yaml', () => {
  describe('function', () => {
    it('names, in Handler, the file esbuild writes for the entry point, which exports the handler', async () => {
      const entryPoints = (fn.metadata.BuildProperties as { EntryPoints: string[] }).EntryPoints;
      expect(entryPoints).toHaveLength(1);
      const [moduleName, exportName] = String(fn.properties.Handler).split('.');
      expect(entryPoints[0]).toMatch(new RegExp(`(^|/)${moduleName}\\.ts$`));
      const entry = await import(/* @vite-ignore */ new URL(`../../${entryPoints[0]}`, import.meta.url).href);
      expect(typeof entry[exportName!]).toBe('function');
    });

    it("runs on the project's Node major, and esbuild targets it", () => {
      expect(fn.properties.Runtime).toBe(`nodejs${projectNodeMajor}.x`);
      expect((fn.metadata.BuildProperties as { Target: string }).Target).toBe(`node${projectNodeMajor}`);
    });

    it('alarms on p99 duration below the timeout', () => {
      const [, alarm] = resourcesOfType('AWS::CloudWatch::Alarm').find(
        ([, a]) => a.Properties?.MetricName === 'Duration',
      )!;
      expect(Number(alarm.Properties?.Threshold)).toBeLessThan(Number(fn.properties.Timeout) * 1000);
    });

    it('rolls a bad deployment back on the failure and error alarms', () => {
      const preference = fn.properties.DeploymentPreference as { Alarms: { Ref: string }[] };
      const alarms = preference.Alarms.map(({ Ref }) => template.Resources[Ref]?.Properties?.MetricName);
      expect(alarms).toEqual(expect.arrayContaining(['RequestsFailed', 'Errors']));
    });
  });

  describe('bundle', () => {
    it("built from the template's BuildProperties, loads on the project's Node and answers a proxy event per the contract", async () => {
      // Prepare: the contract's example request of its first operation.
      const example = exampleOf();
      const outRoot = mkdtempSync(join(tmpdir(), 'guru-bundle-'));
      const bundle = await bundleFunction(fn, outRoot);
      const invoke = `
        const { ${bundle.exportName}: handler } = await import(${JSON.stringify(bundle.file)});
        const response = await handler(JSON.parse(process.argv[1]), { awsRequestId: 'bundle-test', functionName: 'fn', functionVersion: '1', invokedFunctionArn: 'arn:aws:lambda:local-region-1:000000000000:function:fn', memoryLimitInMB: '128', getRemainingTimeInMillis: () => 3000 });
        process.stdout.write('RESULT ' + JSON.stringify({ node: process.versions.node, response }) + '\\n');`;

      // Act
      const stdout = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', invoke, JSON.stringify(exampleEvent(example))],
        {
          env: { ...process.env, ...functionEnvironment(), POWERTOOLS_DEV: '', POWERTOOLS_LOG_LEVEL: 'SILENT' },
          encoding: 'utf8',
        },
      );

      // Assess
      const result = JSON.parse(
        stdout
          .split('\n')
          .find((line) => line.startsWith('RESULT '))!
          .slice(7),
      );
      expect(result.node.split('.')[0]).toBe(projectNodeMajor);
      expect(result.response.statusCode).toBe(example.status);
      expect(contract.checkResponse(example.operationId, result.response)).toEqual({ valid: true, errors: [] });
    });
  });
});
