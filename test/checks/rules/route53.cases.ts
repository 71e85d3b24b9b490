import { RuleCases } from './cases';
import { FAILOVER_HEALTH_CHECK, FAILOVER_PAIR, ROUTED_RECORD_HEALTH_CHECK } from '../../../src/checks/rules/route53';
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
  {
    rule: FAILOVER_PAIR,
    compliant: {
      'a primary and a secondary': { template: template({ P: record({ Failover: 'PRIMARY', HealthCheckId: 'hc' }), S: record({ Failover: 'SECONDARY', SetIdentifier: 's' }) }), target: 'P' },
      'names compared without case and trailing dot': { template: template({ P: record({ Failover: 'PRIMARY' }), S: record({ Name: 'APP.example.com.', Failover: 'SECONDARY', SetIdentifier: 's' }) }), target: 'S' },
      'a pair inside a record set group': {
        template: template({ G: res('AWS::Route53::RecordSetGroup', { HostedZoneId: 'Z1', RecordSets: [{ Name: 'a.example.com', Type: 'A', Failover: 'PRIMARY', SetIdentifier: 'p' }, { Name: 'a.example.com', Type: 'A', Failover: 'SECONDARY', SetIdentifier: 's' }] }) }),
        target: 'G',
      },
    },
    nonCompliant: {
      'a primary alone': { template: template({ P: record({ Failover: 'PRIMARY' }) }), target: 'P', message: /is PRIMARY, but no stack checked with it has a SECONDARY record with the same name and type/ },
      'a secondary of another type': { template: template({ P: record({ Failover: 'PRIMARY' }), S: record({ Type: 'AAAA', Failover: 'SECONDARY' }) }), target: 'S', message: /has a PRIMARY record/ },
    },
    unknown: {
      'the partner\'s name from a parameter': { template: template({ P: record({ Failover: 'PRIMARY' }), S: record({ Name: { Ref: 'P' }, Failover: 'SECONDARY' }) }, params), target: 'P', message: /whether S is its SECONDARY/ },
      'its own role from a parameter': { template: template({ P: record({ Failover: { Ref: 'P' } }) }, params), target: 'P' },
    },
    notApplicable: {
      'a simple record': { template: template({ P: record({ SetIdentifier: undefined as any }) }), target: 'P' },
      'a weighted record': { template: template({ P: record({ Weight: 10 }) }), target: 'P' },
    },
  },
  {
    rule: ROUTED_RECORD_HEALTH_CHECK,
    compliant: {
      'a latency record with a health check': { template: template({ P: record({ Region: 'eu-west-1', HealthCheckId: 'hc-1' }) }), target: 'P' },
      'a weighted alias that evaluates target health': { template: template({ P: record({ Weight: 50, AliasTarget: { DNSName: 'lb.example.com', HostedZoneId: 'Z2', EvaluateTargetHealth: 'true' } }) }), target: 'P' },
    },
    nonCompliant: {
      'a latency record without a health check': { template: template({ P: record({ Region: 'eu-west-1', ResourceRecords: ['192.0.2.1'], TTL: 60 }) }), target: 'P', message: /Latency record app\.example\.com \(P\) has no health check: .*the clients closest to its Region/ },
      'a weighted alias that does not evaluate target health': { template: template({ P: record({ Weight: 50, AliasTarget: { DNSName: 'lb.example.com', HostedZoneId: 'Z2' } }) }), target: 'P', message: /Weighted record .* neither a health check nor EvaluateTargetHealth/ },
      'a weighted record in a group': { template: template({ G: res('AWS::Route53::RecordSetGroup', { HostedZoneId: 'Z1', RecordSets: [{ Name: 'a.example.com', Type: 'A', Weight: 1, SetIdentifier: 'a', ResourceRecords: ['192.0.2.1'] }] }) }), target: 'G' },
    },
    unknown: {
      'a health check behind a condition': {
        template: template({ P: record({ Region: 'eu-west-1', HealthCheckId: { 'Fn::If': ['Checked', 'hc-1', { Ref: 'AWS::NoValue' }] } }) }, { ...params, Conditions: { Checked: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } } }),
        target: 'P',
      },
      'EvaluateTargetHealth from a parameter': { template: template({ P: record({ Weight: 1, AliasTarget: { DNSName: 'lb.example.com', HostedZoneId: 'Z2', EvaluateTargetHealth: { Ref: 'P' } } }) }, params), target: 'P' },
    },
    notApplicable: {
      'a failover record': { template: template({ P: record({ Failover: 'PRIMARY' }) }), target: 'P' },
      'a simple record': { template: template({ P: record({ SetIdentifier: undefined as any }) }), target: 'P' },
      'a weighted record with weight 0': { template: template({ P: record({ Weight: 0 }) }), target: 'P' },
    },
  },
];
