import { RuleCases } from './cases';
import {
  AURORA_INSTANCES, DOCDB_BACKUP_RETENTION, DOCDB_DELETION_PROTECTION, DOCDB_INSTANCES,
  NEPTUNE_BACKUP_RETENTION, NEPTUNE_DELETION_PROTECTION, NEPTUNE_INSTANCES,
} from '../../../src/checks/rules/database-clusters';
import { AURORA_BACKTRACK, RDS_BACKUP_RETENTION, RDS_BACKUPS, RDS_DELETION_PROTECTION, RDS_MULTI_AZ } from '../../../src/checks/rules/rds';
import { az, res, template } from '../../helpers/templates';

const db = (props: object = {}, extra: object = {}) => res('AWS::RDS::DBInstance', { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', ...props }, extra as Record<string, unknown>);
const cluster = (props: object = {}) => res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', ...props });
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
  {
    rule: RDS_DELETION_PROTECTION,
    compliant: {
      'an instance with deletion protection': { template: template({ Db: db({ DeletionProtection: true }) }), target: 'Db' },
      'a cluster with deletion protection': { template: template({ C: cluster({ DeletionProtection: 'true' }) }), target: 'C' },
    },
    nonCompliant: {
      'an instance without it (defaults to false)': { template: template({ Db: db() }), target: 'Db', message: /DB instance Db has no deletion protection \(DeletionProtection is not set\)/ },
      'a cluster with it off': { template: template({ C: cluster({ DeletionProtection: false }) }), target: 'C', message: /DB cluster C .*DeletionProtection is false/ },
      'an instance whose DeletionPolicy keeps a snapshot is still unprotected': { template: template({ Db: db({}, { DeletionPolicy: 'Snapshot' }) }), target: 'Db' },
    },
    unknown: {
      'deletion protection from a parameter': { template: template({ Db: db({ DeletionProtection: { Ref: 'Protect' } }) }, { Parameters: { Protect: { Type: 'String' } } }), target: 'Db', message: /parameter Protect/ },
      'deletion protection behind a condition': {
        template: template({ C: cluster({ DeletionProtection: { 'Fn::If': ['IsProd', true, false] } }) }, { Parameters: param, Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'MultiAZParam' }, 'true'] } } }),
        target: 'C',
        message: /condition IsProd/,
      },
    },
    notApplicable: {
      'an Aurora member (protection belongs to the cluster)': { template: template({ C: cluster(), Db: db({ DBClusterIdentifier: { Ref: 'C' }, Engine: 'aurora-postgresql' }) }), target: 'Db' },
      'a read replica': { template: template({ Db: db({ SourceDBInstanceIdentifier: 'primary' }) }), target: 'Db' },
    },
  },
  {
    rule: RDS_BACKUP_RETENTION,
    compliant: {
      'an instance keeping 7 days': { template: template({ Db: db({ BackupRetentionPeriod: 7 }) }), target: 'Db' },
      'a cluster keeping 35 days': { template: template({ C: cluster({ BackupRetentionPeriod: '35' }) }), target: 'C' },
    },
    nonCompliant: {
      'an instance with the default of 1 day': { template: template({ Db: db() }), target: 'Db', message: /keeps automated backups for 1 day \(BackupRetentionPeriod is not set\)/ },
      'a cluster keeping 3 days': { template: template({ C: cluster({ BackupRetentionPeriod: 3 }) }), target: 'C', message: /DB cluster C keeps automated backups for 3 days:/ },
    },
    unknown: {
      'retention imported from another stack': { template: template({ Db: db({ BackupRetentionPeriod: { 'Fn::ImportValue': 'Days' } }) }), target: 'Db', message: /imported/ },
    },
    notApplicable: {
      'backups off (reported by the backups rule)': { template: template({ Db: db({ BackupRetentionPeriod: 0 }) }), target: 'Db' },
      'an Aurora member': { template: template({ C: cluster({ BackupRetentionPeriod: 7 }), Db: db({ DBClusterIdentifier: { Ref: 'C' }, Engine: 'aurora-postgresql' }) }), target: 'Db' },
    },
  },
  {
    rule: AURORA_BACKTRACK,
    compliant: {
      'a 24-hour backtrack window': { template: template({ C: cluster({ Engine: 'aurora-mysql', BacktrackWindow: 86400 }) }), target: 'C' },
      'the MySQL 5.6-compatible engine with a window': { template: template({ C: cluster({ Engine: 'aurora', BacktrackWindow: '3600' }) }), target: 'C' },
    },
    nonCompliant: {
      'no backtrack window (defaults to 0)': { template: template({ C: cluster({ Engine: 'aurora-mysql' }) }), target: 'C', message: /BacktrackWindow is not set/ },
      'a window of 0': { template: template({ C: cluster({ Engine: 'aurora-mysql', BacktrackWindow: 0 }) }), target: 'C', message: /BacktrackWindow is 0/ },
    },
    unknown: {
      'the engine from a parameter': { template: template({ C: cluster({ Engine: { Ref: 'E' } }) }, { Parameters: { E: { Type: 'String' } } }), target: 'C', message: /Engine is the parameter E/ },
      'the window from a parameter': { template: template({ C: cluster({ Engine: 'aurora-mysql', BacktrackWindow: { Ref: 'W' } }) }, { Parameters: { W: { Type: 'Number' } } }), target: 'C' },
    },
    notApplicable: {
      'Aurora PostgreSQL (no backtracking)': { template: template({ C: cluster() }), target: 'C' },
      'a member of a global database': { template: template({ C: cluster({ Engine: 'aurora-mysql', GlobalClusterIdentifier: 'global-orders' }) }), target: 'C' },
      'the primary of a global database': {
        template: template({ C: cluster({ Engine: 'aurora-mysql' }), G: res('AWS::RDS::GlobalCluster', { GlobalClusterIdentifier: 'orders', SourceDBClusterIdentifier: { Ref: 'C' } }) }),
        target: 'C',
      },
      'Aurora Serverless v1': { template: template({ C: cluster({ Engine: 'aurora-mysql', EngineMode: 'serverless' }) }), target: 'C' },
    },
  },
];

const docdb = (props: object = {}) => res('AWS::DocDB::DBCluster', { MasterUsername: 'admin', ...props });
const neptune = (props: Record<string, unknown> = {}) => res('AWS::Neptune::DBCluster', props);
const numbers = { Parameters: { Days: { Type: 'Number' }, Flag: { Type: 'String' } } };

export const DATABASE_CLUSTER_CASES: RuleCases[] = [
  {
    rule: DOCDB_DELETION_PROTECTION,
    compliant: { 'deletion protection on': { template: template({ C: docdb({ DeletionProtection: true }) }), target: 'C' } },
    nonCompliant: { 'deletion protection absent': { template: template({ C: docdb() }), target: 'C', message: /DocumentDB cluster C has no deletion protection \(DeletionProtection is not set\)/ } },
    unknown: { 'deletion protection from a parameter': { template: template({ C: docdb({ DeletionProtection: { Ref: 'Flag' } }) }, numbers), target: 'C', message: /parameter Flag/ } },
    notApplicable: { 'a Neptune cluster': { template: template({ C: neptune() }) } },
  },
  {
    rule: DOCDB_BACKUP_RETENTION,
    compliant: { '7 days': { template: template({ C: docdb({ BackupRetentionPeriod: 7 }) }), target: 'C' } },
    nonCompliant: {
      'retention absent (defaults to 1 day)': { template: template({ C: docdb() }), target: 'C', message: /keeps backups for 1 day \(BackupRetentionPeriod is not set\)/ },
      '5 days': { template: template({ C: docdb({ BackupRetentionPeriod: 5 }) }), target: 'C', message: /5 days/ },
    },
    unknown: { 'retention from a parameter': { template: template({ C: docdb({ BackupRetentionPeriod: { Ref: 'Days' } }) }, numbers), target: 'C', message: /parameter Days/ } },
    notApplicable: { 'an RDS cluster': { template: template({ C: cluster() }) } },
  },
  {
    rule: NEPTUNE_DELETION_PROTECTION,
    compliant: { 'deletion protection on': { template: template({ C: neptune({ DeletionProtection: 'true' }) }), target: 'C' } },
    nonCompliant: { 'deletion protection off': { template: template({ C: neptune({ DeletionProtection: false }) }), target: 'C', message: /Neptune cluster C .*DeletionProtection is false/ } },
    unknown: {
      'deletion protection behind a condition': {
        template: template({ C: neptune({ DeletionProtection: { 'Fn::If': ['Prod', true, false] } }) }, { ...numbers, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Flag' }, 'prod'] } } }),
        target: 'C',
        message: /condition Prod/,
      },
    },
    notApplicable: { 'a DocumentDB cluster': { template: template({ C: docdb() }) } },
  },
  {
    rule: NEPTUNE_BACKUP_RETENTION,
    compliant: { '14 days': { template: template({ C: neptune({ BackupRetentionPeriod: 14 }) }), target: 'C' } },
    nonCompliant: { 'retention absent (defaults to 1 day)': { template: template({ C: neptune() }), target: 'C', message: /Neptune cluster C keeps backups for 1 day/ } },
    unknown: { 'retention imported': { template: template({ C: neptune({ BackupRetentionPeriod: { 'Fn::ImportValue': 'Days' } }) }), target: 'C', message: /imported/ } },
    notApplicable: { 'a Neptune instance only': { template: template({ I: res('AWS::Neptune::DBInstance', { DBClusterIdentifier: 'external', DBInstanceClass: 'db.r6g.large' }) }) } },
  },
];
