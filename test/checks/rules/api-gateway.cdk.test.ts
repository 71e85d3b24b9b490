import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { checkTemplate } from '../../../src/checks/engine';
import { API_GATEWAY_RULES } from '../../../src/checks/rules/api-gateway';
import { modelOfStack } from '../../helpers/templates';

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), API_GATEWAY_RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status}`).sort();
}

describe('API Gateway stages built with CDK', () => {
  test('REST and HTTP APIs with stage throttling pass; with CDK defaults they are flagged', () => {
    const stack = new Stack(new App(), 'S');
    const throttled = new apigateway.RestApi(stack, 'Throttled', { deployOptions: { throttlingRateLimit: 100, throttlingBurstLimit: 200 } });
    throttled.root.addMethod('GET', new apigateway.MockIntegration());
    const open = new apigateway.RestApi(stack, 'Open');
    open.root.addMethod('GET', new apigateway.MockIntegration());
    const http = new apigwv2.HttpApi(stack, 'Http', { createDefaultStage: false });
    new apigwv2.HttpStage(stack, 'HttpProd', { httpApi: http, stageName: 'prod', throttle: { rateLimit: 100, burstLimit: 200 } });
    new apigwv2.HttpApi(stack, 'Defaults');
    expect(findings(stack)).toEqual([
      'HA-API1 DefaultsDefaultStage fail',
      'HA-API1 OpenDeploymentStageprod fail',
    ]);
  });
});
