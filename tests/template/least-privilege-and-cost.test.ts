// template.yaml's least privilege and cost: roles, log retention, the budget.
import { describe, expect, it } from 'vitest';
import { fn, policyStatements, resolved, resourcesOfType, template } from '../support/template.ts';

describe('template.yaml', () => {
  describe('least privilege and cost', () => {
    it('gives every log group a retention', () => {
      const groups = resourcesOfType('AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThanOrEqual(2);
      for (const [id, group] of groups) expect(group.Properties?.RetentionInDays, id).toBeDefined();
    });

    it('encrypts every log group with the KMS key given, and with CloudWatch Logs’ own key when none is', () => {
      const key = 'arn:aws:kms:eu-west-1:123456789012:key/0d6f3b1e-1c3a-4f5e-9b7d-2a1e3c4d5e6f';
      for (const [id, group] of resourcesOfType('AWS::Logs::LogGroup')) {
        expect(resolved<{ KmsKeyId?: string }>(group.Properties), id).not.toHaveProperty('KmsKeyId');
        expect(resolved<{ KmsKeyId?: string }>(group.Properties, { LogsKmsKeyArn: key }).KmsKeyId, id).toBe(key);
      }
    });

    it('grants no wildcard action, and a wildcard resource only where the service has no other', () => {
      const statements = policyStatements();
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        const actions = [statement.Action].flat();
        for (const action of actions) expect(action).not.toMatch(/\*/);
        // tests/permissions/function-roles.test.ts proves each against the Service Authorization Reference.
        const wildcardOnly = (action: string) =>
          action.startsWith('xray:') || action === 'codedeploy:PutLifecycleEventHookExecutionStatus';
        if (statement.Resource === '*') expect(actions.every(wildcardOnly)).toBe(true);
      }
    });

    it('emails a budget warning at a forecast and an actual threshold', () => {
      const [, budget] = resourcesOfType('AWS::Budgets::Budget')[0]!;
      const kinds = (
        budget.Properties!.NotificationsWithSubscribers as { Notification: { NotificationType: string } }[]
      ).map(({ Notification }) => Notification.NotificationType);
      expect(kinds.sort()).toEqual(['ACTUAL', 'FORECASTED']);
    });

    it('leaves reserved concurrency unset by default', () => {
      const properties = resolved<Record<string, unknown>>(fn.properties);
      expect(properties).not.toHaveProperty('ReservedConcurrentExecutions');
      expect(
        resolved<Record<string, unknown>>(fn.properties, { ReservedConcurrency: 5 }).ReservedConcurrentExecutions,
      ).toBe(5);
    });

    it('subscribes the alarm email only when one is given', () => {
      expect(template.Resources.AlarmEmailSubscription?.Condition).toBe('HasAlarmEmail');
      expect(resolved(template.Conditions?.HasAlarmEmail)).toBe(false);
      expect(resolved(template.Conditions?.HasAlarmEmail, { AlarmEmail: 'ops@example.com' })).toBe(true);
    });
  });
});
