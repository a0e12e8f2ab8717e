// A Redocly decorator: the published contract leaves out API Gateway's x-amazon-apigateway-*
// extensions, which configure the infrastructure and are no part of what clients rely on.
// https://redocly.com/docs/cli/custom-plugins/custom-decorators

const AWS_EXTENSION = /^x-amazon-apigateway-/;

const stripApiGatewayExtensions = () => ({
  any: {
    enter(node) {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
      for (const key of Object.keys(node)) if (AWS_EXTENSION.test(key)) delete node[key];
    },
  },
});

export default function awsPlugin() {
  return {
    id: 'aws',
    decorators: {
      oas3: { 'strip-apigateway-extensions': stripApiGatewayExtensions },
    },
  };
}
