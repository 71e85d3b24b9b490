import { RuleCases } from './cases';
import { FAILOVER_HEALTH_CHECK } from '../../../src/checks/rules/route53';
import { res, template } from '../../helpers/templates';

const record = (props: object = {}) => res('AWS::Route53::RecordSet', { Name: 'app.example.com', Type: 'A', HostedZoneId: 'Z1', SetIdentifier: 'p', ...props });
const params = { Parameters: { P: { Type: 'String' }, N: { Type: 'Number' } } };

export const ROUTE53_CASES: RuleCases[] = [
  {
    rule: FAILOVER_HEALTH_CHECK,
    compliant: {
      'a primary with a health check': { template: template({ HC: res('AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'HTTPS' } }), P: record({ Failover: 'PRIMARY', HealthCheckId: { Ref: 'HC' } }) }), target: 'P' },
      'a primary alias that evaluates target health': { template: template({ P: record({ Failover: 'PRIMARY', AliasTarget: { DNSName: 'lb.example.com', HostedZoneId: 'Z2', EvaluateTargetHealth: true } }) }), target: 'P' },
      'a primary in a record set group with a health check': { template: template({ G: res('AWS::Route53::RecordSetGroup', { HostedZoneId: 'Z1', RecordSets: [{ Name: 'a.example.com', Type: 'A', Failover: 'PRIMARY', SetIdentifier: 'p', HealthCheckId: 'abc' }] }) }), target: 'G' },
    },
    nonCompliant: {
      'a primary without a health check': { template: template({ P: record({ Failover: 'PRIMARY', ResourceRecords: ['192.0.2.1'], TTL: '60' }) }), target: 'P', message: /app\.example\.com \(P\) is PRIMARY without a health check/ },
      'a primary alias that does not evaluate target health': { template: template({ P: record({ Failover: 'PRIMARY', AliasTarget: { DNSName: 'lb.example.com', HostedZoneId: 'Z2' } }) }), target: 'P', message: /neither a health check nor EvaluateTargetHealth/ },
      'a primary in a record set group': { template: template({ G: res('AWS::Route53::RecordSetGroup', { HostedZoneId: 'Z1', RecordSets: [{ Name: 'a.example.com', Type: 'A', Failover: 'SECONDARY', SetIdentifier: 's' }, { Name: 'a.example.com', Type: 'A', Failover: 'PRIMARY', SetIdentifier: 'p' }] }) }), target: 'G' },
    },
    unknown: {
      'the failover role from a parameter': { template: template({ P: record({ Failover: { Ref: 'P' } }) }, params), target: 'P' },
      'a health check behind a condition': {
        template: template({ P: record({ Failover: 'PRIMARY', HealthCheckId: { 'Fn::If': ['Checked', 'hc-1', { Ref: 'AWS::NoValue' }] } }) }, { ...params, Conditions: { Checked: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } } }),
        target: 'P',
        message: /condition Checked/,
      },
    },
    notApplicable: {
      'a secondary record': { template: template({ P: record({ Failover: 'SECONDARY' }) }), target: 'P' },
      'a simple record': { template: template({ P: record({ SetIdentifier: undefined as any }) }), target: 'P' },
    },
  },
];
