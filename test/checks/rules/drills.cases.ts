import { RuleCases } from './cases';
import type { JsonObject } from '../../../src/checks/model/json';
import { UNDRILLED_OBJECTIVES } from '../../../src/checks/rules/drills';
import { Severity } from '../../../src/checks/types';
import { res } from '../../helpers/templates';

/** A template with objectives in its Metadata (none when `objectives` is undefined), a Multi-AZ database and the resources given. */
function declared(objectives: unknown, resources: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): JsonObject {
  return {
    ...(objectives === undefined ? {} : { Metadata: { 'cdk-ha': { objectives } } }),
    Parameters: { P: { Type: 'String' } },
    Resources: { Db: res('AWS::RDS::DBInstance', { Engine: 'postgres', MultiAZ: true }), ...resources },
    ...extra,
  } as JsonObject;
}

const experiment = (actionId: string, extra: Record<string, unknown> = {}) => res('AWS::FIS::ExperimentTemplate', {
  Description: 'drill',
  RoleArn: 'arn:aws:iam::1:role/fis',
  StopConditions: [{ Source: 'none' }],
  Targets: { Subnets: { ResourceType: 'aws:ec2:subnet', ResourceArns: ['arn:aws:ec2:eu-west-1:1:subnet/subnet-1'], SelectionMode: 'ALL' } },
  Actions: { Cut: { ActionId: actionId, Parameters: { duration: 'PT5M' }, Targets: { Subnets: 'Subnets' } } },
  Tags: { Name: 'drill' },
  ...extra,
});
const zone = { az: { rto: '15m', rpo: '5m' } };

export const DRILL_CASES: RuleCases[] = [{
  rule: UNDRILLED_OBJECTIVES,
  compliant: {
    'an experiment that cuts a zone\'s subnets': { template: declared(zone, { Drill: experiment('aws:network:disrupt-connectivity') }), target: 'Db' },
    'zonal autoshift practice runs': {
      template: declared(zone, {
        Shift: res('AWS::ARCZonalShift::ZonalAutoshiftConfiguration', {
          ResourceIdentifier: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/1',
          ZonalAutoshiftStatus: 'ENABLED',
          PracticeRunConfiguration: { OutcomeAlarms: [{ Type: 'CLOUDWATCH', AlarmIdentifier: 'arn:aws:cloudwatch:eu-west-1:1:alarm:x' }] },
        }),
      }),
      target: 'Db',
    },
    'an experiment tagged with what it exercises': {
      template: declared({ instance: { rto: '5m' } }, { Drill: experiment('aws:network:disrupt-connectivity', { Tags: { 'cdk-ha:exercises': 'instance,az' } }) }),
      target: 'Db',
    },
  },
  nonCompliant: {
    'no drill at all': { template: declared(zone), target: 'Db', message: /^No drill of the workload exercises an Availability Zone failure \(declared RTO 15 min, RPO 5 min\)/ },
    'a failover experiment exercises an instance failure, not a zone failure': {
      template: declared(zone, { Drill: experiment('aws:rds:failover-db-cluster') }),
      target: 'Db',
      message: /an Availability Zone failure/,
    },
    'a non-production workload: advice': { template: declared({ preset: 'non-production' }), target: 'Db', severity: Severity.INFO },
  },
  unknown: {
    'an experiment that exists only under a condition': {
      template: declared(zone, { Drill: { ...experiment('aws:network:disrupt-connectivity'), Condition: 'C' } }, { Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } } }),
      target: 'Db',
      message: /Drill exists only when condition C holds/,
    },
  },
  notApplicable: {
    'no objectives declared': { template: declared(undefined), target: 'Db' },
    'only an availability target': { template: declared({ availability: 99.9 }), target: 'Db' },
  },
}];
