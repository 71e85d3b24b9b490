import { RuleCases } from './cases';
import { API_THROTTLING } from '../../../src/checks/rules/api-gateway';
import { res, template } from '../../helpers/templates';

const params = { Parameters: { Rate: { Type: 'Number' }, P: { Type: 'String' } }, Conditions: { Throttled: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } } };
const all = (limits: object) => ({ HttpMethod: '*', ResourcePath: '/*', ...limits });
const stage = (props: object) => template({ R: res('AWS::ApiGateway::Stage', { RestApiId: 'api', DeploymentId: 'dep', StageName: 'prod', ...props }) }, params);
const httpStage = (props: object) => template({ R: res('AWS::ApiGatewayV2::Stage', { ApiId: 'api', StageName: '$default', AutoDeploy: true, ...props }) }, params);

export const API_GATEWAY_CASES: RuleCases[] = [
  {
    rule: API_THROTTLING,
    compliant: {
      'a REST stage with default throttling': { template: stage({ MethodSettings: [all({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 })] }), target: 'R' },
      'a REST stage whose rate limit is a parameter': { template: stage({ MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/~1items' }, all({ ThrottlingRateLimit: { Ref: 'Rate' }, ThrottlingBurstLimit: 50 })] }), target: 'R' },
      'an HTTP API stage with default route throttling': { template: httpStage({ DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 } }), target: 'R' },
      'a deployment whose stage description throttles': {
        template: template({ R: res('AWS::ApiGateway::Deployment', { RestApiId: 'api', StageName: 'prod', StageDescription: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } }) }),
        target: 'R',
      },
    },
    nonCompliant: {
      'a REST stage without method settings': { template: stage({}), target: 'R', message: /Stage R sets no default throttling/ },
      'a REST stage with only a rate limit': { template: stage({ MethodSettings: [all({ ThrottlingRateLimit: 100 })] }), target: 'R' },
      'throttling on one method only': { template: stage({ MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/~1items', ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 }] }), target: 'R' },
      'an HTTP API stage without limits': { template: httpStage({}), target: 'R' },
      'a deployment that creates an unthrottled stage': {
        template: template({ R: res('AWS::ApiGateway::Deployment', { RestApiId: 'api', StageName: 'prod' }) }),
        target: 'R',
        message: /The stage that deployment R creates sets no default throttling/,
      },
    },
    unknown: {
      'method settings behind a condition': { template: stage({ MethodSettings: { 'Fn::If': ['Throttled', [all({ ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 })], []] } }), target: 'R' },
      'a burst limit behind a condition': {
        template: httpStage({ DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: { 'Fn::If': ['Throttled', 200, { Ref: 'AWS::NoValue' }] } } }),
        target: 'R',
        message: /depends on a condition/,
      },
    },
    notApplicable: {
      'a deployment that creates no stage': { template: template({ R: res('AWS::ApiGateway::Deployment', { RestApiId: 'api' }) }), target: 'R' },
    },
  },
];
