import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { checkTemplate } from '../../../src/checks/engine';
import { ROUTE53_RULES } from '../../../src/checks/rules/route53';
import { modelOfStack } from '../../helpers/templates';

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), ROUTE53_RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status}`).sort();
}

describe('Route 53 records built with CDK', () => {
  test('a health-checked failover pair passes; a primary alone and weighted records without health checks are flagged', () => {
    const stack = new Stack(new App(), 'S');
    const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
    const check = new route53.CfnHealthCheck(stack, 'Check', { healthCheckConfig: { type: 'HTTPS', fullyQualifiedDomainName: 'primary.example.com', resourcePath: '/health' } });
    const failover = (id: string, name: string, role: string, extra: Partial<route53.CfnRecordSetProps> = {}) => new route53.CfnRecordSet(stack, id, {
      hostedZoneId: zone.hostedZoneId, name, type: 'A', ttl: '60', setIdentifier: id, failover: role, resourceRecords: ['192.0.2.1'], ...extra,
    });
    failover('Primary', 'app.example.com', 'PRIMARY', { healthCheckId: check.attrHealthCheckId });
    failover('Secondary', 'app.example.com', 'SECONDARY');
    failover('Alone', 'api.example.com', 'PRIMARY', { healthCheckId: check.attrHealthCheckId });
    new route53.ARecord(stack, 'Blue', { zone, recordName: 'www', target: route53.RecordTarget.fromIpAddresses('192.0.2.10'), weight: 90, setIdentifier: 'blue' });
    new route53.ARecord(stack, 'Green', { zone, recordName: 'www', target: route53.RecordTarget.fromIpAddresses('192.0.2.20'), weight: 10, setIdentifier: 'green' });
    expect(findings(stack)).toEqual(['HA-DNS2 Alone fail', 'HA-DNS3 Blue fail', 'HA-DNS3 Green fail']);
  });
});
