import { RuleCases } from './cases';
import { ORIGIN_FAILOVER } from '../../../src/checks/rules/cloudfront';
import { res, template } from '../../helpers/templates';

const params = { Parameters: { P: { Type: 'String' } }, Conditions: { Failover: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } } };
const origin = (id: string, domain = `${id}.s3.eu-west-1.amazonaws.com`) => ({ Id: id, DomainName: domain, S3OriginConfig: {} });
const group = (id: string, members: string[]) => ({
  Id: id,
  FailoverCriteria: { StatusCodes: { Quantity: 2, Items: [500, 503] } },
  Members: { Quantity: members.length, Items: members.map(m => ({ OriginId: m })) },
});
const distribution = (config: object) => template({ R: res('AWS::CloudFront::Distribution', { DistributionConfig: { Enabled: true, ...config } }) }, params);
const behavior = (target: unknown, extra: object = {}) => ({ TargetOriginId: target, ViewerProtocolPolicy: 'redirect-to-https', ...extra });

export const CLOUDFRONT_CASES: RuleCases[] = [
  {
    rule: ORIGIN_FAILOVER,
    compliant: {
      'the default behavior on an origin group of two': {
        template: distribution({ Origins: [origin('a'), origin('b')], OriginGroups: { Quantity: 1, Items: [group('g', ['a', 'b'])] }, DefaultCacheBehavior: behavior('g') }),
        target: 'R',
      },
      'an S3 Multi-Region Access Point origin': {
        template: distribution({ Origins: [origin('m', 'mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com')], DefaultCacheBehavior: behavior('m') }),
        target: 'R',
      },
      'a write behavior on a single origin next to a failover default': {
        template: distribution({
          Origins: [origin('a'), origin('b'), origin('api', 'api.example.com')],
          OriginGroups: { Quantity: 1, Items: [group('g', ['a', 'b'])] },
          DefaultCacheBehavior: behavior('g', { AllowedMethods: ['GET', 'HEAD', 'OPTIONS'] }),
          CacheBehaviors: [behavior('api', { PathPattern: '/api/*', AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'] })],
        }),
        target: 'R',
      },
    },
    nonCompliant: {
      'a single origin': {
        template: distribution({ Origins: [origin('a')], DefaultCacheBehavior: behavior('a') }),
        target: 'R',
        message: /Distribution R sends its default cache behavior \(origin a\) to a single origin with nothing to fail over to/,
      },
      'an origin group of one': {
        template: distribution({ Origins: [origin('a')], OriginGroups: { Quantity: 1, Items: [group('g', ['a'])] }, DefaultCacheBehavior: behavior('g') }),
        target: 'R',
        message: /an origin group with one member/,
      },
      'a read-only path behavior on a single origin': {
        template: distribution({
          Origins: [origin('a'), origin('b'), origin('img')],
          OriginGroups: { Quantity: 1, Items: [group('g', ['a', 'b'])] },
          DefaultCacheBehavior: behavior('g'),
          CacheBehaviors: [behavior('img', { PathPattern: '/img/*' })],
        }),
        target: 'R',
        message: /the cache behavior for \/img\/\*/,
      },
    },
    unknown: {
      'origin groups behind a condition': {
        template: distribution({ Origins: [origin('a'), origin('b')], OriginGroups: { 'Fn::If': ['Failover', { Quantity: 1, Items: [group('g', ['a', 'b'])] }, { Ref: 'AWS::NoValue' }] }, DefaultCacheBehavior: behavior('g') }),
        target: 'R',
      },
      'the target origin from a parameter': { template: distribution({ Origins: [origin('a')], DefaultCacheBehavior: behavior({ Ref: 'P' }) }), target: 'R', message: /parameter P/ },
    },
    notApplicable: {
      'a behavior that accepts writes': {
        template: distribution({ Origins: [origin('api', 'api.example.com')], DefaultCacheBehavior: behavior('api', { AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'] }) }),
        target: 'R',
      },
      'a disabled distribution': { template: template({ R: res('AWS::CloudFront::Distribution', { DistributionConfig: { Enabled: false, Origins: [origin('a')], DefaultCacheBehavior: behavior('a') } }) }), target: 'R' },
    },
  },
];
