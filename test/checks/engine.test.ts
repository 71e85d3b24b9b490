import { checkTemplate } from '../../src/checks/engine';
import type { Objectives } from '../../src/checks/objectives/objectives';
import { render } from '../../src/checks/report';
import { ALL_RULES } from '../../src/checks/rules';
import { RDS_MULTI_AZ } from '../../src/checks/rules/rds';
import type { Rule } from '../../src/checks/rules/rule';
import { Finding, ReportFormat, RuleCategory, Severity } from '../../src/checks/types';
import { check, modelOf, res, template } from '../helpers/templates';

const ONLY_RDS1 = [RDS_MULTI_AZ];
const singleAz = (metadata?: object) => res('AWS::RDS::DBInstance', { Engine: 'mysql' }, metadata ? { Metadata: metadata } : {});

describe('acknowledgements in CloudFormation Metadata', () => {
  test('an acknowledged finding stays, marked with its reason', () => {
    const result = check(template({ Db: singleAz({ 'cdk-ha': { acknowledged: [{ id: 'HA-RDS1', reason: 'dev database, no standby needed' }] } }) }), 'Test', ONLY_RDS1);
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'HA-RDS1', suppressed: true, suppressionReason: 'dev database, no standby needed' })]);
  });

  test('it covers only the rule it names', () => {
    const result = check(template({ Db: singleAz({ 'cdk-ha': { acknowledged: [{ id: 'HA-RDS3', reason: 'a reason long enough' }] } }) }), 'Test', ONLY_RDS1);
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'HA-RDS1', suppressed: false })]);
  });

  test.each([
    ['a reason that is too short', [{ id: 'HA-RDS1', reason: 'dev' }]],
    ['no reason', [{ id: 'HA-RDS1' }]],
    ['not a list', { id: 'HA-RDS1', reason: 'long enough reason' }],
    ['entries of the wrong shape', ['HA-RDS1']],
  ])('%s does not acknowledge', (_, acknowledged) => {
    const result = check(template({ Db: singleAz({ 'cdk-ha': { acknowledged } }) }), 'Test', ONLY_RDS1);
    expect(result.findings.map(f => f.suppressed)).toEqual([false]);
  });
});

describe('dispatch', () => {
  test('a rule runs only on the resource types it declares', () => {
    const seen: string[] = [];
    const rule: Rule = {
      id: 'HA-TEST1',
      title: 't',
      severity: Severity.WARNING,
      category: RuleCategory.SPOF,
      resourceTypes: ['AWS::SQS::Queue'],
      explanation: '',
      flags: '',
      defaults: '',
      remediation: 'fix',
      references: [],
      evaluate: r => { seen.push(r.logicalId); return { status: 'pass' }; },
    };
    checkTemplate(modelOf(template({ Q: res('AWS::SQS::Queue'), T: res('AWS::SNS::Topic'), Q2: res('AWS::SQS::Queue') })), [rule]);
    expect(seen).toEqual(['Q', 'Q2']);
  });

  test('a rule that throws reports unknown for that resource, and the other rules still run', () => {
    const broken: Rule = {
      ...RDS_MULTI_AZ, id: 'HA-TEST2', evaluate: () => { throw new Error('cannot read'); },
    };
    const result = checkTemplate(modelOf(template({ Db: singleAz() })), [broken, RDS_MULTI_AZ]);
    expect(result.findings.map(f => [f.ruleId, f.status, f.message])).toEqual([
      ['HA-TEST2', 'unknown', 'HA-TEST2 could not be evaluated on Db (an internal error of the check: cannot read).'],
      ['HA-RDS1', 'fail', expect.any(String)],
    ]);
  });

  test('findings carry everything the reports need', () => {
    const [f] = check(template({ Db: singleAz() }), 'Shop', ONLY_RDS1).findings;
    expect(f).toEqual({
      ruleId: 'HA-RDS1',
      title: 'RDS DB instance is not Multi-AZ',
      severity: 'error',
      status: 'fail',
      category: 'spof',
      stack: 'Shop',
      templatePath: 'Shop.template.json',
      logicalId: 'Db',
      resourceType: 'AWS::RDS::DBInstance',
      constructPath: undefined,
      line: undefined,
      property: 'MultiAZ',
      message: expect.stringContaining('Single-AZ'),
      remediation: expect.stringContaining('MultiAZ: true'),
      suppressed: false,
      suppressionReason: undefined,
    });
  });

  test('undecided findings keep the rule severity and say why', () => {
    const [f] = check(template({ Db: res('AWS::RDS::DBInstance', { MultiAZ: { Ref: 'P' } }) }, { Parameters: { P: { Type: 'String' } } }), 'Test', ONLY_RDS1).findings;
    expect(f).toMatchObject({ status: 'unknown', severity: 'error', message: expect.stringContaining('the parameter P') });
  });
});

describe('weights that follow the declared objectives', () => {
  const unprotectedTable = template({ T: res('AWS::DynamoDB::Table', { KeySchema: [], AttributeDefinitions: [], BillingMode: 'PAY_PER_REQUEST' }) });
  const objectives = (o: Partial<Objectives>): Objectives => ({ tier: 'production', surviveRegionFailure: false, ...o });
  const rulesOf = (ids: string[]) => ALL_RULES.filter(r => ids.includes(r.id));

  test('without objectives a hygiene finding is advice', () => {
    const result = checkTemplate(modelOf(unprotectedTable), rulesOf(['HA-DDB2']));
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'HA-DDB2', severity: Severity.INFO })]);
    expect(result.findings[0].raisedBy).toBeUndefined();
  });

  test('an RPO raises the deletion guards of data stores and says which objective did', () => {
    const result = checkTemplate(modelOf(unprotectedTable), rulesOf(['HA-DDB2']), { objectives: objectives({ instance: { rpoSeconds: 900 }, az: { rpoSeconds: 300 } }) });
    // The strictest RPO is the one named.
    expect(result.findings).toEqual([expect.objectContaining({
      severity: Severity.WARNING,
      raisedBy: 'an RPO of 5 min for an Availability Zone failure',
      message: expect.stringContaining('It is a warning because the declared objectives set an RPO of 5 min for an Availability Zone failure.'),
    })]);
  });

  test('an availability target alone does not raise data-loss rules, and raises alarms', () => {
    const lb = template({ LB: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: ['subnet-1', 'subnet-2'] }) });
    const availability = objectives({ availabilityPercent: 99.9 });
    expect(checkTemplate(modelOf(unprotectedTable), rulesOf(['HA-DDB2']), { objectives: availability }).findings.map(f => f.severity)).toEqual([Severity.INFO]);
    expect(checkTemplate(modelOf(lb), rulesOf(['HA-ALARM1']), { objectives: availability }).findings)
      .toEqual([expect.objectContaining({ severity: Severity.WARNING, raisedBy: 'an availability target of 99.9%' })]);
  });

  test('non-production objectives leave hygiene findings as advice', () => {
    const result = checkTemplate(modelOf(unprotectedTable), rulesOf(['HA-DDB2']), { objectives: { ...objectives({ az: { rpoSeconds: 60 } }), tier: 'non-production' } });
    expect(result.findings.map(f => f.severity)).toEqual([Severity.INFO]);
  });
});

describe('one finding per problem', () => {
  test('a service\'s deletion-protection rule carries the deletion-policy finding on the same resource', () => {
    const result = checkTemplate(modelOf(template({ T: res('AWS::DynamoDB::Table', { KeySchema: [] }) })), rulesOf(['HA-DDB2', 'HA-DATA1']));
    expect(result.findings.map(f => f.ruleId)).toEqual(['HA-DDB2']);
    expect(result.findings[0].message).toMatch(/has no deletion protection .* DynamoDB table T has neither DeletionPolicy nor UpdateReplacePolicy/);
  });

  test('the deletion-policy rule still reports alone where deletion protection is not the problem', () => {
    const result = checkTemplate(modelOf(template({ Fs: res('AWS::EFS::FileSystem') })), rulesOf(['HA-DDB2', 'HA-DATA1']));
    expect(result.findings.map(f => f.ruleId)).toEqual(['HA-DATA1']);
  });

  test('a global table is one finding, whatever its number of replicas', () => {
    const table = template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1' }, { Region: 'eu-central-1' }, { Region: 'us-east-1' }] }) });
    const result = checkTemplate(modelOf(table), rulesOf(['HA-DDB1', 'HA-DDB2']));
    expect(result.findings.map(f => f.ruleId)).toEqual(['HA-DDB1', 'HA-DDB2']);
  });

  function rulesOf(ids: string[]) {
    return ALL_RULES.filter(r => ids.includes(r.id));
  }
});

describe('long generated names in messages', () => {
  const long = 'referencetoAppNetworkNestedStackNetworkNestedStackResourceED157118OutputsAppNetworkVpcPrivateSubnet1Subnet8BCA10E0Ref';

  test('a message shows the part of a long parameter name a reader recognises; the finding keeps the whole name', () => {
    const t = template({ Db: res('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: { Ref: long } }) }, { Parameters: { [long]: { Type: 'String' } } });
    const [finding] = check(t, 'Test', ONLY_RDS1).findings;
    expect(finding.message).toBe('MultiAZ is the parameter …AppNetworkVpcPrivateSubnet1Subnet8BCA10E0Ref, so this can only be decided at deploy time.');
    expect(finding.fullNames).toEqual({ '…AppNetworkVpcPrivateSubnet1Subnet8BCA10E0Ref': long });
    expect(renderJson(finding).fullNames).toEqual({ '…AppNetworkVpcPrivateSubnet1Subnet8BCA10E0Ref': long });
  });

  test('short names are shown whole, with no map', () => {
    const t = template({ Db: res('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: { Ref: 'MultiAz' } }) }, { Parameters: { MultiAz: { Type: 'String' } } });
    const [finding] = check(t, 'Test', ONLY_RDS1).findings;
    expect(finding.message).toMatch(/the parameter MultiAz,/);
    expect(finding.fullNames).toBeUndefined();
  });

  function renderJson(finding: Finding) {
    const report = JSON.parse(render(ReportFormat.JSON, [{ workload: 'W', stacks: [{ stack: 'Test', templatePath: 't', resourceCount: 1, findings: [finding] }], assessments: [] }]));
    return report.findings[0];
  }
});
