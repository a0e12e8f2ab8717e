// bench/figures.ts: what the bundles and the samples come to, each figure beside its floor, with no
// timing measured here.

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type ColdSamples, coldFigures, pageFigures, sizeFigures } from '../../bench/figures.ts';

const bundle = (inputs: string[], text = 'export const handler = async () => ({});') => ({
  bytes: 2048,
  inputs,
  text,
});

describe('figures', () => {
  it('counts the AWS SDK modules and the run-time schema compilers a bundle holds', () => {
    // Prepare
    const production = bundle(
      ['src/api/handler.ts', 'node_modules/@aws-sdk/client-s3/index.js', 'node_modules/@smithy/core/index.js'],
      'const validate = new Function("data", body);',
    );
    const hook = bundle(['src/pre-traffic/hook.ts', 'node_modules/ajv/dist/ajv.js']);

    // Act
    const figures = Object.fromEntries(
      sizeFigures(production, bundle([]), hook).map(({ figure, value }) => [figure, value]),
    );

    // Assess
    expect(figures).toMatchObject({
      'bundle, minified': 2,
      'AWS SDK modules bundled': 2,
      'run-time schema compilers bundled': 1,
      'pre-traffic hook: AWS SDK modules bundled': 0,
      'pre-traffic hook: run-time schema compilers': 1,
    });
  });

  it("sums the page's files gzipped one by one, as a static host serves them, under the page budget", () => {
    // Prepare
    const files = {
      'index.html': Buffer.from('<!doctype html>'.repeat(40)),
      'app.js': Buffer.from('console.log(1);'.repeat(500)),
      'style.css': Buffer.from('body{margin:0}'.repeat(20)),
    };
    const gzipped = Object.values(files).reduce((total, file) => total + gzipSync(file).length, 0);

    // Act
    const [script, page] = pageFigures(files);

    // Assess
    expect(script).toMatchObject({ value: files['app.js'].length / 1024, unit: 'KB' });
    expect(page).toMatchObject({ value: gzipped / 1024, unit: 'KB', budget: 'pageKb' });
  });

  it('shows the cold start without source maps only when a run measured it', () => {
    // Prepare
    const run = { coldMs: 20, importMs: 15 };
    const quick: ColdSamples = {
      production: [run],
      floor: [run],
      withoutSourceMaps: [],
      wall: { production: [40], floor: [30] },
    };
    const full: ColdSamples = { ...quick, withoutSourceMaps: [run] };

    // Act
    const [quickFigures, fullFigures] = [quick, full].map((samples) =>
      coldFigures(samples).map(({ figure }) => figure),
    );

    // Assess
    expect(quickFigures).not.toContain('cold: p50 without --enable-source-maps');
    expect(fullFigures).toContain('cold: p50 without --enable-source-maps');
    expect(fullFigures).toHaveLength(quickFigures!.length + 1);
  });
});
