import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { checkTemplate } from '../../../src/checks/engine';
import { DATABASE_CLUSTER_RULES } from '../../../src/checks/rules/database-clusters';
import { DMS_RULES } from '../../../src/checks/rules/dms';
import { RDS_RULES } from '../../../src/checks/rules/rds';
import type { Rule } from '../../../src/checks/rules/rule';
import { modelOfStack } from '../../helpers/templates';

/** The relational-database rules on what real CDK constructs synthesize. */
const RULES: readonly Rule[] = [...RDS_RULES, ...DATABASE_CLUSTER_RULES, ...DMS_RULES];

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status} ${f.severity}`).sort();
}

function newStack(): { stack: Stack; vpc: ec2.Vpc } {
  const stack = new Stack(new App(), 'S');
  return { stack, vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) };
}

const postgres = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
const auroraPostgres = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
const auroraMysql = rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_0 });

describe('relational databases built with CDK', () => {
  test('a Multi-AZ instance with 7-day backups, deletion protection and a snapshot on removal has no findings', () => {
    const { stack, vpc } = newStack();
    new rds.DatabaseInstance(stack, 'Db', {
      engine: postgres, vpc, multiAz: true, backupRetention: Duration.days(7), deletionProtection: true, removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    expect(findings(stack)).toEqual([]);
  });

  test('an Aurora PostgreSQL cluster with a reader, 7-day backups and deletion protection has no findings (no backtracking is asked of PostgreSQL)', () => {
    const { stack, vpc } = newStack();
    new rds.DatabaseCluster(stack, 'Cluster', {
      engine: auroraPostgres,
      vpc,
      writer: rds.ClusterInstance.provisioned('Writer'),
      readers: [rds.ClusterInstance.provisioned('Reader')],
      backup: { retention: Duration.days(7) },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    expect(findings(stack)).toEqual([]);
  });

  test('an Aurora MySQL cluster with a backtrack window has no findings; its instances are never judged on cluster settings', () => {
    const { stack, vpc } = newStack();
    new rds.DatabaseCluster(stack, 'Cluster', {
      engine: auroraMysql,
      vpc,
      writer: rds.ClusterInstance.provisioned('Writer'),
      readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
      backup: { retention: Duration.days(14) },
      backtrackWindow: Duration.hours(24),
      deletionProtection: true,
    });
    expect(findings(stack)).toEqual([]);
  });

  test('construct defaults: no deletion protection, 1-day backups, no backtrack window', () => {
    const { stack, vpc } = newStack();
    new rds.DatabaseInstance(stack, 'Db', { engine: postgres, vpc, multiAz: true });
    new rds.DatabaseCluster(stack, 'Cluster', {
      engine: auroraMysql, vpc, writer: rds.ClusterInstance.provisioned('Writer'), readers: [rds.ClusterInstance.provisioned('Reader')],
    });
    expect(findings(stack)).toEqual([
      'HA-RDS4 Cluster fail info',
      'HA-RDS4 Db fail info',
      'HA-RDS5 Cluster fail info',
      'HA-RDS5 Db fail info',
      'HA-RDS6 Cluster fail info',
    ]);
  });
});
