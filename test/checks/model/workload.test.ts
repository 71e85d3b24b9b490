import { checkWorkload } from '../../../src/checks/engine';
import { JsonObject } from '../../../src/checks/model/json';
import { resourceOf, TemplateModel } from '../../../src/checks/model/template-model';
import { evaluate } from '../../../src/checks/model/values';
import { Workload } from '../../../src/checks/model/workload';
import { AUTOSCALING_RULES } from '../../../src/checks/rules/autoscaling';
import { ALARM_RULES } from '../../../src/checks/rules/monitoring';
import { RDS_RULES } from '../../../src/checks/rules/rds';
import { az, modelOf, res, subnet, template } from '../../helpers/templates';

/** A workload of inline templates; `nested` names, for a nested stack, its parent and the parent's stack resource. */
function workloadOf(
  templates: Record<string, JsonObject>, nested: Record<string, [string, string]> = {}, regions: Record<string, string> = {},
): Record<string, TemplateModel> {
  const models = Object.fromEntries(Object.entries(templates).map(([name, t]) => [name, modelOf(t, name, regions[name])]));
  new Workload('Test', Object.keys(templates).map(name => ({
    model: models[name],
    nestedIn: nested[name] ? { parent: models[nested[name][0]], logicalId: nested[name][1] } : undefined,
  })));
  return models;
}

const NETWORK = template({
  Vpc: res('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }),
  A: subnet(az(0)),
  B: subnet(az(1)),
  C: subnet(az(2)),
}, {
  Outputs: {
    ExportA: { Value: { Ref: 'A' }, Export: { Name: 'Net:SubnetA' } },
    ExportB: { Value: { Ref: 'B' }, Export: { Name: 'Net:SubnetB' } },
    ExportC: { Value: { Ref: 'C' }, Export: { Name: 'Net:SubnetC' } },
  },
});

const asg = (subnets: unknown[]) => res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '3', MaxSize: '6', VPCZoneIdentifier: subnets });

describe('values that one stack takes from another', () => {
  test('an import resolves to the exported value, a reference to a resource of the exporting stack', () => {
    const { App, Net } = workloadOf({ Net: NETWORK, App: template({ Group: asg([{ 'Fn::ImportValue': 'Net:SubnetA' }]) }) });
    const v = evaluate({ 'Fn::ImportValue': 'Net:SubnetA' }, App);
    expect(v).toMatchObject({ kind: 'reference', logicalId: 'A' });
    expect(resourceOf(v)).toBe(Net.resource('A'));
  });

  test('an import that no stack of the workload exports stays unknown, with the reason', () => {
    const { App } = workloadOf({ Net: NETWORK, App: template({ Group: asg([]) }) });
    expect(evaluate({ 'Fn::ImportValue': 'Other:Subnet' }, App)).toEqual({
      kind: 'unknown', reason: 'a value imported from another stack (export Other:Subnet), which no stack of the workload exports',
    });
  });

  test('an import in a stack checked alone stays unknown, as before', () => {
    expect(evaluate({ 'Fn::ImportValue': 'Net:SubnetA' }, modelOf(template({ Group: asg([]) })))).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/^a value imported from another stack/) });
  });

  test('an export in another Region does not answer an import', () => {
    const { App } = workloadOf({ Net: NETWORK, App: template({ Group: asg([]) }) }, {}, { Net: 'eu-west-1', App: 'us-east-1' });
    expect(evaluate({ 'Fn::ImportValue': 'Net:SubnetA' }, App).kind).toBe('unknown');
  });

  test("a nested stack's parameter is what its parent passes; one it does not pass takes its default, or stays unknown", () => {
    const { Child, Parent } = workloadOf({
      Parent: template({ A: subnet(az(0)), Nested: res('AWS::CloudFormation::Stack', { TemplateURL: 'child.json', Parameters: { SubnetParam: { Ref: 'A' } } }) }),
      Child: template({ Group: asg([{ Ref: 'SubnetParam' }]) }, {
        Parameters: { SubnetParam: { Type: 'String' }, Size: { Type: 'String', Default: 'large' }, Missing: { Type: 'String' } },
      }),
    }, { Child: ['Parent', 'Nested'] });
    expect(resourceOf(evaluate({ Ref: 'SubnetParam' }, Child))).toBe(Parent.resource('A'));
    expect(evaluate({ Ref: 'Size' }, Child)).toEqual({ kind: 'literal', value: 'large' });
    expect(evaluate({ Ref: 'Missing' }, Child)).toEqual({ kind: 'unknown', reason: 'the parameter Missing, which the parent stack does not pass' });
  });

  test("a nested stack's output is its value in the nested template", () => {
    const { Parent, Child } = workloadOf({
      Parent: template({ Nested: res('AWS::CloudFormation::Stack', { TemplateURL: 'child.json' }) }),
      Child: template({ Db: res('AWS::RDS::DBInstance', { Engine: 'mysql' }) }, { Outputs: { DbRef: { Value: { Ref: 'Db' } }, Name: { Value: 'orders' } } }),
    }, { Child: ['Parent', 'Nested'] });
    expect(resourceOf(evaluate({ 'Fn::GetAtt': ['Nested', 'Outputs.DbRef'] }, Parent))).toBe(Child.resource('Db'));
    expect(evaluate({ 'Fn::GetAtt': ['Nested', 'Outputs.Name'] }, Parent)).toEqual({ kind: 'literal', value: 'orders' });
    expect(evaluate({ 'Fn::GetAtt': ['Nested', 'Outputs.Nope'] }, Parent)).toEqual({
      kind: 'unknown', reason: 'the output Nope of nested stack Nested, which its template does not define',
    });
  });

  test('a nested stack whose template is not among the inputs leaves its outputs unknown, with the reason', () => {
    const lone = modelOf(template({ Nested: res('AWS::CloudFormation::Stack', { TemplateURL: 'https://bucket/x.json' }) }));
    expect(evaluate({ 'Fn::GetAtt': ['Nested', 'Outputs.X'] }, lone)).toEqual({
      kind: 'unknown', reason: 'the output X of nested stack Nested, whose template is not among the inputs',
    });
  });

  test("CDK's cross-Region references resolve to what the writing stack writes", () => {
    const { Dns, Web } = workloadOf({
      Web: template({
        Lb: res('AWS::ElasticLoadBalancingV2::LoadBalancer', {}),
        Writer: res('Custom::CrossRegionExportWriter', { WriterProps: { region: 'us-east-1', exports: { '/cdk/exports/Dns/WebLbDns': { 'Fn::GetAtt': ['Lb', 'DNSName'] } } } }),
      }),
      Dns: template({ Reader: res('Custom::CrossRegionExportReader', { ReaderProps: { region: 'us-east-1' } }) }),
    }, {}, { Web: 'eu-west-1', Dns: 'us-east-1' });
    const v = evaluate({ 'Fn::GetAtt': ['Reader', '/cdk/exports/Dns/WebLbDns'] }, Dns);
    expect(v).toMatchObject({ kind: 'reference', logicalId: 'Lb', attribute: 'DNSName' });
    expect(resourceOf(v)).toBe(Web.resource('Lb'));
    expect(evaluate({ 'Fn::GetAtt': ['Reader', '/cdk/exports/Dns/Other'] }, Dns)).toEqual({
      kind: 'unknown', reason: 'the SSM parameter /cdk/exports/Dns/Other, which no stack of the workload writes',
    });
  });

  test('an SSM parameter that a stack of the workload writes answers a dynamic reference and an SSM parameter type', () => {
    const { Reader } = workloadOf({
      Writer: template({ Param: res('AWS::SSM::Parameter', { Name: '/app/flag', Type: 'String', Value: 'on' }) }),
      Reader: template({ Q: res('AWS::SQS::Queue') }, { Parameters: { Flag: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/flag' } } }),
    });
    expect(evaluate('{{resolve:ssm:/app/flag}}', Reader)).toEqual({ kind: 'literal', value: 'on' });
    expect(evaluate({ Ref: 'Flag' }, Reader)).toEqual({ kind: 'literal', value: 'on' });
  });

  test('a cycle of references between stacks is unknown, not a hang or a crash', () => {
    const { A } = workloadOf({
      A: template({ Q: res('AWS::SQS::Queue') }, { Outputs: { X: { Value: { 'Fn::ImportValue': 'B:Y' }, Export: { Name: 'A:X' } } } }),
      B: template({ Q: res('AWS::SQS::Queue') }, { Outputs: { Y: { Value: { 'Fn::ImportValue': 'A:X' }, Export: { Name: 'B:Y' } } } }),
    });
    expect(evaluate({ 'Fn::ImportValue': 'B:Y' }, A)).toEqual({ kind: 'unknown', reason: 'a cycle of references between stacks' });
  });
});

describe('rules see the workload', () => {
  test('an Auto Scaling group whose subnets come from the network stack: three zones pass, one zone fails', () => {
    const imports = ['A', 'B', 'C'].map(s => ({ 'Fn::ImportValue': `Net:Subnet${s}` }));
    const spread = workloadOf({ Net: NETWORK, App: template({ Group: asg(imports) }) });
    const result = checkWorkload(spread.App.workload, AUTOSCALING_RULES);
    expect(result.stacks.flatMap(s => s.findings).filter(f => f.ruleId === 'HA-ASG1')).toEqual([]);
    const single = workloadOf({ Net: NETWORK, App: template({ Group: asg([imports[0]]) }) });
    const failed = checkWorkload(single.App.workload, AUTOSCALING_RULES).stacks.flatMap(s => s.findings).find(f => f.ruleId === 'HA-ASG1');
    expect(failed).toMatchObject({ status: 'fail', stack: 'App', logicalId: 'Group', message: expect.stringMatching(/one Availability Zone \(zone 1 of the Region\)/) });
  });

  test('an alarm in a monitoring stack that watches a database in a data stack counts; findings stay in their own stack', () => {
    const data = template({
      Db: res('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: true }),
      Other: res('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: true }),
    }, { Outputs: { DbId: { Value: { Ref: 'Db' }, Export: { Name: 'Data:Db' } } } });
    const monitoring = template({
      Cpu: res('AWS::CloudWatch::Alarm', { Dimensions: [{ Name: 'DBInstanceIdentifier', Value: { 'Fn::ImportValue': 'Data:Db' } }], AlarmActions: ['arn:aws:sns:us-east-1:1:ops'] }),
    });
    const { Data } = workloadOf({ Data: data, Monitoring: monitoring });
    const alarm1 = checkWorkload(Data.workload, [...ALARM_RULES, ...RDS_RULES]).stacks.flatMap(s => s.findings).filter(f => f.ruleId === 'HA-ALARM1');
    expect(alarm1.map(f => `${f.stack} ${f.logicalId}`)).toEqual(['Data Other']);
  });
});
