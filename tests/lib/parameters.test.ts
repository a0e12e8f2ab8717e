// --parameter-overrides as `sam deploy` takes them, checked as CloudFormation checks them.
import { describe, expect, it } from 'vitest';
import { checkParameters, parseParameterOverrides } from '../../lib/parameters.ts';
import { template } from '../support/template.ts';

const definitions = template.Parameters as Parameters<typeof checkParameters>[0];

describe('parseParameterOverrides', () => {
  it('reads Key=Value pairs and the ParameterKey=…,ParameterValue=… form, alone or mixed', () => {
    expect(parseParameterOverrides('StageName=v2 ThrottlingRateLimit=5')).toEqual({
      StageName: 'v2',
      ThrottlingRateLimit: '5',
    });
    expect(
      parseParameterOverrides('ParameterKey=StageName,ParameterValue=v2 ParameterKey=AlarmEmail,ParameterValue=a@b.c'),
    ).toEqual({ StageName: 'v2', AlarmEmail: 'a@b.c' });
    expect(parseParameterOverrides('ParameterKey=StageName,ParameterValue=v2 LogRetentionInDays=7')).toEqual({
      StageName: 'v2',
      LogRetentionInDays: '7',
    });
  });

  it('keeps quoted values whole, spaces and = included, and reads an empty string as no overrides', () => {
    expect(parseParameterOverrides(`AlarmEmail="ops team@example.com" Other='a=b c'`)).toEqual({
      AlarmEmail: 'ops team@example.com',
      Other: 'a=b c',
    });
    expect(parseParameterOverrides('  ')).toEqual({});
  });

  it.each(['Stage', '=v1', 'A="unclosed'])('refuses "%s", saying what it expects', (text) => {
    expect(() => parseParameterOverrides(text)).toThrow(/--parameter-overrides/);
  });
});

describe('checkParameters, against template.yaml', () => {
  it.each([
    [{ ThrottlingRateLimit: 'abc' }, 'Parameter ThrottlingRateLimit (Number): "abc" is not a number'],
    [{ ThrottlingRateLimit: '0' }, 'Parameter ThrottlingRateLimit (Number): 0 is below its MinValue, 1'],
    [{ StageName: 'bad-name' }, 'Parameter StageName (String): "bad-name" does not match its AllowedPattern'],
    [{ LogRetentionInDays: '2' }, 'Parameter LogRetentionInDays (Number): "2" is not one of its AllowedValues'],
    [{ DeploymentType: 'Sometimes' }, 'Parameter DeploymentType (String): "Sometimes" is not one of its AllowedValues'],
    [{ AlarmEmail: 'not-an-email' }, 'Parameter AlarmEmail (String): "not-an-email" does not match its AllowedPattern'],
    [{ Unknown: 'x' }, 'Parameter Unknown: the template has no such parameter'],
  ])('refuses %o in one line naming the parameter', (values, message) => {
    expect(() => checkParameters(definitions, values as Record<string, string>)).toThrow(message);
  });

  it('accepts values the template allows', () => {
    expect(() =>
      checkParameters(definitions, {
        StageName: 'v2',
        ThrottlingRateLimit: '2.5',
        LogRetentionInDays: '14',
        AlarmEmail: 'ops@example.com',
        ReservedConcurrency: '-1',
      }),
    ).not.toThrow();
  });

  it('checks MaxValue, lengths, and each item of a list', () => {
    const rules = {
      Small: { Type: 'Number', MaxValue: 3 },
      Short: { Type: 'String', MinLength: 2, MaxLength: 3 },
      Ports: { Type: 'List<Number>' },
      Sizes: { Type: 'CommaDelimitedList', AllowedValues: ['s', 'm'] },
    };
    expect(() => checkParameters(rules, { Small: '4' })).toThrow('above its MaxValue, 3');
    expect(() => checkParameters(rules, { Short: 'a' })).toThrow('shorter than its MinLength, 2');
    expect(() => checkParameters(rules, { Short: 'abcd' })).toThrow('longer than its MaxLength, 3');
    expect(() => checkParameters(rules, { Ports: '80,http' })).toThrow('"http" is not a number');
    expect(() => checkParameters(rules, { Sizes: 's,xl' })).toThrow('"xl" is not one of its AllowedValues');
    expect(() => checkParameters(rules, { Small: '3', Short: 'ab', Ports: '80,443', Sizes: 's,m' })).not.toThrow();
  });
});
