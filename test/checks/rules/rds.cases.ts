import { RuleCases } from './cases';
import { AURORA_INSTANCES, DOCDB_INSTANCES, NEPTUNE_INSTANCES } from '../../../src/checks/rules/database-clusters';
import { RDS_BACKUPS, RDS_MULTI_AZ } from '../../../src/checks/rules/rds';
import { az, res, template } from '../../helpers/templates';

const db = (props: object = {}) => res('AWS::RDS::DBInstance', { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', ...props });
const param = { MultiAZParam: { Type: 'String', AllowedValues: ['true', 'false'] } };

export const RDS_CASES: RuleCases[] = [
  {
    rule: RDS_MULTI_AZ,
    compliant: {
      'MultiAZ true': { template: template({ Db: db({ MultiAZ: true }) }), target: 'Db' },
      'MultiAZ "true" as a string': { template: template({ Db: db({ MultiAZ: 'true' }) }), target: 'Db' },
      'MultiAZ from a parameter with one allowed value': {
        template: template({ Db: db({ MultiAZ: { Ref: 'P' } }) }, { Parameters: { P: { Type: 'String', AllowedValues: ['true'] } } }), target: 'Db',
      },
    },
    nonCompliant: {
      'MultiAZ absent (defaults to false)': { template: template({ Db: db() }), target: 'Db', message: /Single-AZ \(MultiAZ is not set\)/ },
      'MultiAZ false': { template: template({ Db: db({ MultiAZ: false }) }), target: 'Db', message: /MultiAZ is false/ },
      'MultiAZ "false" as a string': { template: template({ Db: db({ MultiAZ: 'False' }) }), target: 'Db' },
      'SQL Server Express': { template: template({ Db: db({ Engine: 'sqlserver-ex' }) }), target: 'Db', message: /Express cannot be Multi-AZ/ },
    },
    unknown: {
      'MultiAZ from a parameter': { template: template({ Db: db({ MultiAZ: { Ref: 'MultiAZParam' } }) }, { Parameters: param }), target: 'Db', message: /parameter MultiAZParam/ },
      'MultiAZ behind a condition': {
        template: template({ Db: db({ MultiAZ: { 'Fn::If': ['IsProd', true, false] } }) }, { Parameters: param, Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'MultiAZParam' }, 'true'] } } }),
        target: 'Db',
        message: /condition IsProd/,
      },
      'MultiAZ imported from another stack': { template: template({ Db: db({ MultiAZ: { 'Fn::ImportValue': 'Shared-MultiAz' } }) }), target: 'Db', message: /imported/ },
    },
    notApplicable: {
      'a member of a cluster': { template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }), Db: db({ DBClusterIdentifier: { Ref: 'C' }, Engine: 'aurora-postgresql' }) }), target: 'Db' },
      'an Aurora instance': { template: template({ Db: db({ Engine: 'aurora-mysql' }) }), target: 'Db' },
      'a read replica': { template: template({ Db: db({ SourceDBInstanceIdentifier: 'primary-db' }) }), target: 'Db' },
    },
  },
  {
    rule: AURORA_INSTANCES,
    compliant: {
      'a writer and a reader': {
        template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }), W: db({ DBClusterIdentifier: { Ref: 'C' } }), R: db({ DBClusterIdentifier: { Ref: 'C' } }) }),
        target: 'C',
      },
      'instances naming the cluster by a literal identifier': {
        template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', DBClusterIdentifier: 'Orders' }), W: db({ DBClusterIdentifier: 'orders' }), R: db({ DBClusterIdentifier: 'orders' }) }),
        target: 'C',
      },
      'instances pinned to two zones': {
        template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }), W: db({ DBClusterIdentifier: { Ref: 'C' }, AvailabilityZone: az(0) }), R: db({ DBClusterIdentifier: { Ref: 'C' }, AvailabilityZone: az(1) }) }),
        target: 'C',
      },
    },
    nonCompliant: {
      'a writer only': { template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }), W: db({ DBClusterIdentifier: { Ref: 'C' } }) }), target: 'C', message: /a single instance/ },
      'no instances': { template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql' }) }), target: 'C', message: /no instances/ },
      'two instances pinned to one zone': {
        template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }), W: db({ DBClusterIdentifier: { Ref: 'C' }, AvailabilityZone: 'eu-west-1a' }), R: db({ DBClusterIdentifier: { Ref: 'C' }, AvailabilityZone: 'eu-west-1a' }) }),
        target: 'C',
        message: /pinned to one Availability Zone \(eu-west-1a\)/,
      },
    },
    unknown: {
      'engine from a parameter': { template: template({ C: res('AWS::RDS::DBCluster', { Engine: { Ref: 'E' } }) }, { Parameters: { E: { Type: 'String' } } }), target: 'C', message: /Engine is the parameter E/ },
      'a second instance whose cluster is a parameter': {
        template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }), W: db({ DBClusterIdentifier: { Ref: 'C' } }), R: db({ DBClusterIdentifier: { Ref: 'Other' } }) }, { Parameters: { Other: { Type: 'String' } } }),
        target: 'C',
        message: /R may also belong/,
      },
    },
    notApplicable: {
      'an RDS Multi-AZ DB cluster (RDS manages the standbys)': { template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'postgres', DBClusterInstanceClass: 'db.m6gd.large' }) }), target: 'C' },
      'Aurora Serverless v1': { template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', EngineMode: 'serverless' }) }), target: 'C' },
    },
  },
  {
    rule: RDS_BACKUPS,
    compliant: {
      'retention absent (defaults to 1 day)': { template: template({ Db: db() }), target: 'Db' },
      'retention 7 days': { template: template({ Db: db({ BackupRetentionPeriod: 7 }) }), target: 'Db' },
      'a cluster with retention 14': { template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', BackupRetentionPeriod: 14 }) }), target: 'C' },
    },
    nonCompliant: {
      'an instance with retention 0': { template: template({ Db: db({ BackupRetentionPeriod: 0 }) }), target: 'Db', message: /BackupRetentionPeriod 0/ },
      'retention "0" as a string': { template: template({ Db: db({ BackupRetentionPeriod: '0' }) }), target: 'Db' },
      'a cluster with retention 0': { template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', BackupRetentionPeriod: 0 }) }), target: 'C', message: /DB cluster C/ },
    },
    unknown: {
      'retention from a parameter': { template: template({ Db: db({ BackupRetentionPeriod: { Ref: 'Days' } }) }, { Parameters: { Days: { Type: 'Number' } } }), target: 'Db', message: /parameter Days/ },
    },
    notApplicable: {
      'a cluster member (backups belong to the cluster)': { template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql' }), Db: db({ DBClusterIdentifier: { Ref: 'C' }, BackupRetentionPeriod: 0 }) }), target: 'Db' },
      'a read replica': { template: template({ Db: db({ SourceDBInstanceIdentifier: 'primary', BackupRetentionPeriod: 0 }) }), target: 'Db' },
    },
  },
  {
    rule: DOCDB_INSTANCES,
    compliant: {
      'two instances': { template: template({ C: res('AWS::DocDB::DBCluster'), A: res('AWS::DocDB::DBInstance', { DBClusterIdentifier: { Ref: 'C' } }), B: res('AWS::DocDB::DBInstance', { DBClusterIdentifier: { Ref: 'C' } }) }), target: 'C' },
    },
    nonCompliant: {
      'one instance': { template: template({ C: res('AWS::DocDB::DBCluster'), A: res('AWS::DocDB::DBInstance', { DBClusterIdentifier: { Ref: 'C' } }) }), target: 'C', message: /DocumentDB cluster C has a single instance/ },
    },
    unknown: {
      'an instance whose cluster is a parameter': {
        template: template({ C: res('AWS::DocDB::DBCluster'), A: res('AWS::DocDB::DBInstance', { DBClusterIdentifier: { Ref: 'C' } }), B: res('AWS::DocDB::DBInstance', { DBClusterIdentifier: { Ref: 'P' } }) }, { Parameters: { P: { Type: 'String' } } }),
        target: 'C',
      },
    },
    notApplicable: {
      'RDS instances do not count for DocumentDB': { template: template({ A: res('AWS::DocDB::DBInstance', { DBClusterIdentifier: 'external' }) }) },
    },
  },
  {
    rule: NEPTUNE_INSTANCES,
    compliant: {
      'a primary and a replica': { template: template({ C: res('AWS::Neptune::DBCluster'), A: res('AWS::Neptune::DBInstance', { DBClusterIdentifier: { Ref: 'C' } }), B: res('AWS::Neptune::DBInstance', { DBClusterIdentifier: { Ref: 'C' } }) }), target: 'C' },
    },
    nonCompliant: {
      'a primary only': { template: template({ C: res('AWS::Neptune::DBCluster'), A: res('AWS::Neptune::DBInstance', { DBClusterIdentifier: { Ref: 'C' } }) }), target: 'C', message: /Neptune cluster C/ },
    },
    unknown: {
      'a replica whose cluster is imported': {
        template: template({ C: res('AWS::Neptune::DBCluster'), A: res('AWS::Neptune::DBInstance', { DBClusterIdentifier: { Ref: 'C' } }), B: res('AWS::Neptune::DBInstance', { DBClusterIdentifier: { 'Fn::ImportValue': 'cluster' } }) }),
        target: 'C',
      },
    },
    notApplicable: {
      'instances of a cluster in another stack': { template: template({ A: res('AWS::Neptune::DBInstance', { DBClusterIdentifier: 'external' }) }) },
    },
  },
];
