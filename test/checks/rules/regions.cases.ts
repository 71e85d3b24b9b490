import { RuleCases } from './cases';
import { GLOBAL_DATABASE_ALONE, GLOBAL_TABLE_ONE_REGION, PLAN_WITHOUT_ALARMS, REGION_WITHOUT_DATA } from '../../../src/checks/rules/regions';
import { res, template } from '../../helpers/templates';

const params = { Parameters: { P: { Type: 'String' }, L: { Type: 'CommaDelimitedList' } } };
const lb = () => res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: ['subnet-1', 'subnet-2'] });
/** CDK's cross-Region reference: the load balancer's name, written for the DNS stack in us-east-1. */
const writer = (name: string) => res('Custom::CrossRegionExportWriter', {
  ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:writer',
  WriterProps: { region: 'us-east-1', exports: { [name]: { 'Fn::GetAtt': ['Lb', 'DNSName'] } } },
});
const record = (role: string, parameter: string) => res('AWS::Route53::RecordSet', {
  Name: 'www.example.com',
  Type: 'A',
  HostedZoneId: 'Z1',
  SetIdentifier: role,
  Failover: role,
  HealthCheckId: 'hc',
  AliasTarget: { DNSName: `{{resolve:ssm:${parameter}}}`, HostedZoneId: 'Z2', EvaluateTargetHealth: true },
});
/** The DNS side: a PRIMARY record to eu-west-1's load balancer and a SECONDARY one to eu-central-1's. */
const dns = { template: template({ P: record('PRIMARY', '/lb/primary'), S: record('SECONDARY', '/lb/standby') }), region: 'us-east-1' };
const cluster = (props: Record<string, unknown> = {}) => res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', EngineVersion: '17.5', ...props });
const globalCluster = res('AWS::RDS::GlobalCluster', { GlobalClusterIdentifier: 'orders', SourceDBClusterIdentifier: { Ref: 'Db' } });
const primary = (data: Record<string, unknown>) => ({ template: template({ Lb: lb(), W: writer('/lb/primary'), ...data }), region: 'eu-west-1' });
const standby = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => template({ Lb: lb(), W: writer('/lb/standby'), ...data }, extra);
const table = (regions: unknown) => res('AWS::DynamoDB::GlobalTable', {
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  BillingMode: 'PAY_PER_REQUEST',
  Replicas: regions,
});
const plan = (extra: Record<string, unknown> = {}) => res('AWS::ARCRegionSwitch::Plan', {
  Name: 'site',
  ExecutionRole: 'arn:aws:iam::123456789012:role/plan',
  RecoveryApproach: 'activePassive',
  Regions: ['eu-west-1', 'eu-central-1'],
  Workflows: [{ WorkflowTargetAction: 'activate' }],
  ...extra,
});
const alarm = { AlarmType: 'applicationHealth', ResourceIdentifier: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:primary' };

export const REGION_CASES: RuleCases[] = [
  {
    rule: REGION_WITHOUT_DATA,
    compliant: {
      'a standby Region with a secondary cluster of the primary\'s global database': {
        template: standby({ Copy: cluster({ GlobalClusterIdentifier: 'orders' }) }),
        region: 'eu-central-1',
        target: 'Lb',
        others: { Primary: primary({ Db: cluster(), G: globalCluster }), Dns: dns },
      },
      'the primary Region, whose data has a copy in the standby Region': {
        template: primary({ Db: cluster(), G: globalCluster }).template,
        region: 'eu-west-1',
        target: 'Lb',
        others: { Standby: { template: standby({ Copy: cluster({ GlobalClusterIdentifier: 'orders' }) }), region: 'eu-central-1' }, Dns: dns },
      },
      'a standby Region with a replica of the primary\'s global table': {
        template: standby({}),
        region: 'eu-central-1',
        target: 'Lb',
        others: { Primary: primary({ T: table([{ Region: 'eu-west-1' }, { Region: 'eu-central-1' }]) }), Dns: dns },
      },
    },
    nonCompliant: {
      'a standby Region with a web tier and no copy of the primary\'s database': {
        template: standby({}),
        region: 'eu-central-1',
        target: 'Lb',
        others: { Primary: primary({ Db: cluster(), G: globalCluster }), Dns: dns },
        message: /Load balancer Lb in eu-central-1 takes the traffic of Lb \(eu-west-1\) when that Region fails, but the data read there has no copy in eu-central-1: Db \(Primary, eu-west-1\)/,
      },
      'a global table without a replica in the standby Region': {
        template: standby({}),
        region: 'eu-central-1',
        target: 'Lb',
        others: { Primary: primary({ T: table([{ Region: 'eu-west-1' }]) }), Dns: dns },
        message: /T \(Primary, eu-west-1\)/,
      },
    },
    unknown: {
      'a standby cluster that joins a global database named by a parameter': {
        template: standby({ Copy: cluster({ GlobalClusterIdentifier: { Ref: 'P' } }) }, params),
        region: 'eu-central-1',
        target: 'Lb',
        others: { Primary: primary({ Db: cluster(), G: globalCluster }), Dns: dns },
        message: /decided at deploy time/,
      },
    },
    notApplicable: {
      'a load balancer that no record pairs with another Region': { template: template({ Lb: lb() }), target: 'Lb' },
    },
  },
  {
    rule: GLOBAL_DATABASE_ALONE,
    compliant: {
      'a primary whose global database has a secondary in another Region': {
        template: template({ Db: cluster(), G: globalCluster }),
        region: 'eu-west-1',
        target: 'G',
        others: { Standby: { template: template({ Copy: cluster({ GlobalClusterIdentifier: 'orders' }) }), region: 'eu-central-1' } },
      },
      'the secondary of that global database': {
        template: template({ Copy: cluster({ GlobalClusterIdentifier: 'orders' }) }),
        region: 'eu-central-1',
        target: 'Copy',
        others: { Primary: { template: template({ Db: cluster(), G: globalCluster }), region: 'eu-west-1' } },
      },
    },
    nonCompliant: {
      'a global database made of its primary only': {
        template: template({ Db: cluster(), G: globalCluster }), target: 'G', message: /Global database orders has a single cluster, Db, and no secondary in another Region/,
      },
      'the primary cluster of that global database': { template: template({ Db: cluster(), G: globalCluster }), target: 'Db' },
      'an empty global database': { template: template({ G: res('AWS::RDS::GlobalCluster', { GlobalClusterIdentifier: 'empty', Engine: 'aurora-postgresql' }) }), target: 'G' },
    },
    unknown: {
      'another cluster that may join it through a parameter': {
        template: template({ Db: cluster(), G: globalCluster, Other: cluster({ GlobalClusterIdentifier: { Ref: 'P' } }) }, params),
        target: 'Db',
        message: /Whether Other join global database orders is decided at deploy time/,
      },
      'a cluster that joins a global database created outside the app': {
        template: template({ Copy: cluster({ GlobalClusterIdentifier: 'elsewhere' }) }), target: 'Copy', message: /may be outside the app/,
      },
    },
    notApplicable: {
      'a cluster outside any global database': { template: template({ Db: cluster() }), target: 'Db' },
    },
  },
  {
    rule: GLOBAL_TABLE_ONE_REGION,
    compliant: {
      'replicas in two Regions': { template: template({ T: table([{ Region: 'eu-west-1' }, { Region: 'eu-central-1' }]) }), target: 'T' },
    },
    nonCompliant: {
      'a replica in one Region': { template: template({ T: table([{ Region: 'eu-west-1' }]) }), target: 'T', message: /one Region only \(eu-west-1\)/ },
      'two replicas in the same Region': { template: template({ T: table([{ Region: 'eu-west-1' }, { Region: 'eu-west-1' }]) }), target: 'T' },
    },
    unknown: {
      'a replica Region from a parameter': { template: template({ T: table([{ Region: 'eu-west-1' }, { Region: { Ref: 'P' } }]) }, params), target: 'T', message: /parameter P/ },
    },
    notApplicable: {
      'a regional table (its own rules apply)': { template: template({ T: res('AWS::DynamoDB::Table', { KeySchema: [] }) }) },
    },
  },
  {
    rule: PLAN_WITHOUT_ALARMS,
    compliant: {
      'a plan with an application health alarm': { template: template({ Plan: plan({ AssociatedAlarms: { primary: alarm } }) }), target: 'Plan' },
    },
    nonCompliant: {
      'a plan without associated alarms': { template: template({ Plan: plan() }), target: 'Plan', message: /Region switch plan Plan has no associated alarm/ },
      'a plan with an empty map of alarms': { template: template({ Plan: plan({ AssociatedAlarms: {} }) }), target: 'Plan' },
    },
    unknown: {
      'alarms behind a condition': {
        template: template({ Plan: plan({ AssociatedAlarms: { 'Fn::If': ['Watched', { primary: alarm }, { Ref: 'AWS::NoValue' }] } }) },
          { ...params, Conditions: { Watched: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } } }),
        target: 'Plan',
      },
    },
    notApplicable: {
      'no Region switch plan': { template: template({ Q: res('AWS::SQS::Queue') }) },
    },
  },
];
