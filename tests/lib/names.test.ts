// lib/names.ts: names.json read and checked, and the names made from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../lib/errors.ts';
import { parseNames, readNames, stackName, testServiceNames } from '../../lib/names.ts';
import { templateWithNames } from '../../lib/names-sync.ts';
import { projectFile } from '../../lib/project.ts';
import { parseTemplate } from '../../lib/template.ts';

const OTHER = { service: 'acme-orders', metricNamespace: 'AcmeOrders', clientPackage: '@acme/orders-client' };
const json = (value: unknown) => JSON.stringify(value);

describe('names.json', () => {
  it("holds the project's names, each as its reader needs it", () => {
    // Act
    const names = readNames();

    // Assess
    expect(Object.keys(names).sort()).toEqual(['clientPackage', 'metricNamespace', 'service']);
    expect(parseNames(json(names))).toEqual(names);
  });

  it.each([
    [
      'a missing name',
      { ...OTHER, service: undefined },
      'names.json: "service" must be lowercase letters, digits and hyphens, a letter first, 21 at most; it is missing',
    ],
    [
      'a stack prefix with capitals',
      { ...OTHER, service: 'Acme-Orders' },
      'names.json: "service" must be lowercase letters, digits and hyphens, a letter first, 21 at most; it is "Acme-Orders"',
    ],
    ['a stack prefix the bootstrap refuses as too long', { ...OTHER, service: 'a'.repeat(22) }, '"service" must be'],
    [
      'a namespace the dashboard cannot name unquoted',
      { ...OTHER, metricNamespace: 'Acme/Orders' },
      'names.json: "metricNamespace" must be letters and digits, a letter first; it is "Acme/Orders"',
    ],
    [
      'an unscoped client package',
      { ...OTHER, clientPackage: 'orders-client' },
      'names.json: "clientPackage" must be a scoped npm package name',
    ],
    [
      'a name it does not know',
      { ...OTHER, title: 'Acme Orders API' },
      'names.json: "title" is no name; the names are service, metricNamespace, clientPackage',
    ],
    ['a list', [OTHER], 'names.json must be an object of service, metricNamespace, clientPackage'],
  ])('refuses %s in one line naming the file and the key', (_, names, message) => {
    // Act
    const parsing = () => parseNames(json(names));

    // Assess
    expect(parsing).toThrow(DefinitionError);
    expect(parsing).toThrow(message);
  });

  it('refuses a file that is not JSON, naming it', () => {
    expect(() => parseNames('{ service: acme }', 'names.json')).toThrow(/^names\.json is not JSON: /);
  });

  it("names each stack <service>-<environment>, and the tests' Lambda environment a stack and namespace of its own", () => {
    // Act
    const prod = stackName('prod', OTHER);
    const test = testServiceNames(OTHER);

    // Assess
    expect(prod).toBe('acme-orders-prod');
    expect(stackName('pr-42', OTHER)).toBe('acme-orders-pr-42');
    expect(test).toEqual({
      POWERTOOLS_SERVICE_NAME: 'acme-orders-test',
      POWERTOOLS_METRICS_NAMESPACE: 'AcmeOrdersTest',
    });
  });
});

describe("template.yaml's copies", () => {
  it('take the namespace from names.json and the version served from the contract, each on its own line', () => {
    // Prepare
    const template = readFileSync(projectFile('template.yaml'), 'utf8');
    const names = { ...readNames(), metricNamespace: 'AcmeOrders' };

    // Act
    const written = parseTemplate(templateWithNames(template, names, '9.8.7')) as unknown as {
      Parameters: { MetricNamespace: { Default: string } };
      Mappings: { Contract: { Served: { Version: string } } };
    };

    // Assess
    expect(written.Parameters.MetricNamespace.Default).toBe('AcmeOrders');
    expect(written.Mappings.Contract.Served.Version).toBe('9.8.7');
  });

  it('refuses a template without the version line, saying where it should be', () => {
    expect(() => templateWithNames('Parameters:\n  MetricNamespace:\n    Default: X\n', readNames(), '1.0.0')).toThrow(
      'template.yaml: Mappings.Contract.Served.Version has no line to write 1.0.0 in',
    );
  });
});
