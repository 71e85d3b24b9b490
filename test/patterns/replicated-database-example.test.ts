import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildDatabaseApp, topologyNamed } from '../../examples/database/app';
import { DatabaseTopologyKind } from '../../src/patterns/replicated-database';

const ZONES_CONTEXT = { 'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'] };

describe('examples/database', () => {
  test('the web tier and its Aurora database synthesize with no cdk-ha findings, the tier let in through connections', () => {
    const app = new App();
    const { stack, checks } = buildDatabaseApp(app);
    app.synth();
    expect(checks.findings.map(f => `${f.ruleId} ${f.constructPath} ${f.status}`)).toEqual([]);
    expect(stack.database.topology.kind).toBe(DatabaseTopologyKind.AURORA_CLUSTER);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::RDS::DBInstance', 2);
    template.resourceCountIs('AWS::RDS::DBProxy', 1);
    template.resourceCountIs('AWS::ECS::Service', 1);
    // The proxy admits the web tier's tasks on the database port, and only them.
    const tierGroup = stack.resolve(stack.webTier.connections.securityGroups[0].securityGroupId);
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
      .filter((r: any) => JSON.stringify(r.Properties.SourceSecurityGroupId) === JSON.stringify(tierGroup) && r.Properties.FromPort === 5432);
    expect(ingress).toHaveLength(1);
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(['Endpoint', 'EstimatedFailoverSeconds', 'ReaderEndpoint', 'SecretArn']);
  });

  test.each(['multiAzInstance', 'multiAzCluster'])('the %s topology synthesizes with no cdk-ha findings', name => {
    const app = new App({ context: ZONES_CONTEXT });
    const { checks } = buildDatabaseApp(app, { topology: topologyNamed(name), env: { account: '123456789012', region: 'us-east-1' } });
    app.synth();
    expect(checks.findings.map(f => `${f.ruleId} ${f.constructPath} ${f.status}`)).toEqual([]);
  });

  test('an unknown topology name is an error that lists the known ones', () => {
    expect(() => topologyNamed('single')).toThrow('Unknown topology \'single\': use auroraCluster, multiAzInstance or multiAzCluster.');
  });
});
