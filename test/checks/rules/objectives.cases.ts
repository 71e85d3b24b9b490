import { RuleCases } from './cases';
import type { JsonObject } from '../../../src/checks/model/json';
import { AVAILABILITY_OBJECTIVE, BEYOND_OBJECTIVES, RPO_OBJECTIVE, RTO_OBJECTIVE } from '../../../src/checks/rules/objectives';
import { res } from '../../helpers/templates';

/** A template with objectives in its Metadata (none when `objectives` is undefined). */
function declared(objectives: unknown, resources: Record<string, unknown>): JsonObject {
  return {
    ...(objectives === undefined ? {} : { Metadata: { 'cdk-ha': { objectives } } }),
    Parameters: { P: { Type: 'String' } },
    Resources: resources,
  } as JsonObject;
}

const db = (props: object = {}) => res('AWS::RDS::DBInstance', { Engine: 'postgres', ...props });
const zoneObjective = { az: { rto: '15m', rpo: '5m' } };

export const OBJECTIVES_CASES: RuleCases[] = [
  {
    rule: RTO_OBJECTIVE,
    compliant: { 'a Multi-AZ database meets a 15-minute zone-failure RTO': { template: declared(zoneObjective, { Db: db({ MultiAZ: true }) }), target: 'Db' } },
    nonCompliant: {
      'a Single-AZ database needs a restore': { template: declared(zoneObjective, { Db: db() }), target: 'Db', message: /^Availability Zone failure RTO objective 15 min, estimated 1 h for Db \(RDS Single-AZ instance\)/ },
      'no copy outside the Region when a Region failure must be survived': {
        template: declared({ region: { rto: '4h', rpo: '1h' } }, { Db: db({ MultiAZ: true }) }), target: 'Db', message: /Region failure RTO objective 4 h, estimated not recoverable/,
      },
      'a Region failure to survive, with no numbers, and no copy outside the Region': {
        template: declared({ surviveRegionFailure: true }, { Db: db({ MultiAZ: true }) }), target: 'Db', message: /^Region failure RTO objective survive, estimated not recoverable/,
      },
    },
    unknown: { 'Multi-AZ from a parameter': { template: declared(zoneObjective, { Db: db({ MultiAZ: { Ref: 'P' } }) }), target: 'Db', message: /undecided at synth time: MultiAZ is the parameter P/ } },
    notApplicable: {
      'no objectives declared': { template: declared(undefined, { Db: db() }), target: 'Db' },
      'objectives without recovery-time targets': { template: declared({ availability: 99 }, { Q: res('AWS::SQS::Queue') }), target: 'Q' },
    },
  },
  {
    rule: RPO_OBJECTIVE,
    compliant: {
      'point-in-time restore loses at most 5 minutes': { template: declared({ az: { rpo: '5m' } }, { Db: db() }), target: 'Db' },
      'automated backups replicated to another Region meet a 1-hour Region RPO': {
        template: declared({ region: { rto: '4h', rpo: '1h' } }, { Db: db({ MultiAZ: true, AutomaticBackupReplicationRegion: 'eu-central-1' }) }),
        target: 'Db',
      },
    },
    nonCompliant: {
      'a database without backups loses everything in a zone failure': { template: declared(zoneObjective, { Db: db({ BackupRetentionPeriod: 0 }) }), target: 'Db', message: /RPO objective 5 min, estimated not recoverable/ },
      'a database whose backups stay in its Region, when a Region failure must be survived': {
        template: declared({ region: { rto: '4h', rpo: '1h' } }, { Db: db({ MultiAZ: true }) }), target: 'Db', message: /Region failure RPO objective 1 h, estimated not recoverable/,
      },
      'a Region failure to survive, with no numbers, and data kept in one Region': {
        template: declared({ surviveRegionFailure: true }, { Db: db({ MultiAZ: true }) }), target: 'Db', message: /^Region failure RPO objective survive, estimated not recoverable/,
      },
    },
    unknown: { 'backups from a parameter': { template: declared(zoneObjective, { Db: db({ BackupRetentionPeriod: { Ref: 'P' } }) }), target: 'Db' } },
    notApplicable: { 'no RPO objective': { template: declared({ az: { rto: '1h' } }, { Db: db() }), target: 'Db' } },
  },
  {
    rule: AVAILABILITY_OBJECTIVE,
    compliant: { 'a Multi-AZ database meets 99.95%': { template: declared({ availability: 99.95 }, { Db: db({ MultiAZ: true }) }), target: 'Db' } },
    nonCompliant: { 'a Single-AZ database cannot meet 99.9%': { template: declared({ availability: 99.9 }, { Db: db() }), target: 'Db', message: /Availability target 99\.9%, estimated 99\.500% for the workload of Db/ } },
    unknown: {
      'an availability that depends on a parameter': {
        template: declared({ availability: 99.4 }, { Db: db({ MultiAZ: { Ref: 'P' } }) }), target: 'Db', message: /meets the availability target 99\.4% is undecided at synth time: Db: MultiAZ is the parameter P/,
      },
    },
    notApplicable: { 'no availability target': { template: declared(zoneObjective, { Db: db() }), target: 'Db' } },
  },
  {
    rule: BEYOND_OBJECTIVES,
    compliant: { 'a global database where Region failures must be survived': { template: declared({ preset: 'mission-critical' }, { C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', GlobalClusterIdentifier: 'g' }) }), target: 'C' } },
    nonCompliant: {
      'a global database in a non-production stack': { template: declared({ preset: 'non-production' }, { C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', GlobalClusterIdentifier: 'g' }) }), target: 'C', message: /global database.*roughly doubles the database cost/ },
      'a Multi-AZ instance in a non-production stack': { template: declared({ preset: 'non-production' }, { Db: db({ MultiAZ: true }) }), target: 'Db', message: /standby doubles the instance cost/ },
    },
    unknown: {
      'replicas from a condition': {
        template: { ...declared({ preset: 'non-production' }, { T: res('AWS::DynamoDB::GlobalTable', { Replicas: { 'Fn::If': ['C', [{ Region: 'a' }, { Region: 'b' }], [{ Region: 'a' }]] } }) }), Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } } } as JsonObject,
        target: 'T',
        message: /^Whether T replicates to other Regions depends on deploy-time values/,
      },
    },
    notApplicable: { 'no objectives declared': { template: declared(undefined, { C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', GlobalClusterIdentifier: 'g' }) }), target: 'C' } },
  },
];
