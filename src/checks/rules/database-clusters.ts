import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, RuleContext, RuleReference, unknown, WA } from './rule';

interface ClusterRuleSpec {
  readonly id: string;
  readonly service: string;
  readonly clusterType: string;
  readonly explanation: string;
  readonly remediation: string;
  readonly references: RuleReference[];
  /** Why a cluster is outside the rule (for example an RDS Multi-AZ DB cluster), if it is. */
  readonly skip?: (cluster: Resource) => Outcome | undefined;
}

/** "A cluster needs a second instance in another zone to fail over to", for each engine family. */
function clusterInstancesRule(spec: ClusterRuleSpec): Rule {
  return {
    id: spec.id,
    title: `${spec.service} cluster has fewer than two instances`,
    severity: Severity.ERROR,
    category: RuleCategory.SPOF,
    resourceTypes: [spec.clusterType],
    explanation: spec.explanation,
    flags: `A ${spec.service} cluster with fewer than two DB instances in the template whose \`DBClusterIdentifier\` names it, `
      + 'or whose instances are all pinned to one Availability Zone.',
    defaults: 'An instance without `AvailabilityZone` is placed by the service; only explicit zones are compared.',
    remediation: spec.remediation,
    references: spec.references,
    evaluate(cluster: Resource, ctx: RuleContext) {
      const skip = spec.skip?.(cluster);
      if (skip) return skip;
      const { members, undecided } = ctx.topology.clusterMembers(cluster);
      if (members.length >= 2) {
        if (members.some(m => !m.has('AvailabilityZone'))) return PASS;
        const spread = ctx.topology.spreadOfZones(members.map(m => m.properties.AvailabilityZone));
        if (spread.max < 2) {
          return fail(undefined, `All ${members.length} instances of ${spec.service} cluster ${cluster.logicalId} are pinned to one `
            + `Availability Zone (${spread.labels.join(', ')}): a zone failure takes the whole cluster down.`);
        }
        return PASS;
      }
      if (members.length + undecided.length >= 2) {
        return unknown(undefined, `${spec.service} cluster ${cluster.logicalId} has ${members.length} instance(s) for certain; `
          + `${undecided.map(u => u.logicalId).join(', ')} may also belong to it, depending on deploy-time values.`);
      }
      return fail(undefined, `${spec.service} cluster ${cluster.logicalId} has ${members.length === 0 ? 'no instances' : 'a single instance'} `
        + 'in this template: with no replica to promote, an instance or Availability Zone failure takes the cluster down until the '
        + 'instance is recreated.');
    },
  };
}

function auroraSkip(cluster: Resource): Outcome | undefined {
  const engine = cluster.str('Engine');
  if (!engine.known) return unknown('Engine', `Engine is ${engine.reason}, so it is not known whether this is an Aurora cluster.`);
  if (!engine.value.toLowerCase().startsWith('aurora')) return notApplicable('a Multi-AZ DB cluster: RDS manages its standbys');
  const mode = cluster.str('EngineMode', 'provisioned');
  if (mode.known && mode.value.toLowerCase() === 'serverless') return notApplicable('Aurora Serverless v1 has no DB instances to count');
  return undefined;
}

export const AURORA_INSTANCES = clusterInstancesRule({
  id: 'HA-RDS2',
  service: 'Aurora',
  clusterType: 'AWS::RDS::DBCluster',
  explanation:
    'Aurora keeps six copies of the data across three Availability Zones, but compute is one instance per DB instance. '
    + 'With only a writer, a failure means Aurora recreates the instance, which typically takes up to 10 minutes; with a '
    + 'reader in another zone, Aurora promotes it, typically in under 60 seconds. The Aurora SLA is 99.99% for Multi-AZ '
    + 'clusters and 99.9% for single-AZ ones.',
  remediation: 'Add at least one reader in another Availability Zone (CDK: `readers: [rds.ClusterInstance.provisioned(\'Reader\')]`), '
    + 'in promotion tier 0 or 1 and of the same size as the writer.',
  references: [
    configRule('rds-cluster-multi-az-enabled'),
    { label: 'High availability for Amazon Aurora', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html' },
    WA.REL10_BP01,
  ],
  skip: auroraSkip,
});

export const DOCDB_INSTANCES = clusterInstancesRule({
  id: 'HA-DOCDB1',
  service: 'DocumentDB',
  clusterType: 'AWS::DocDB::DBCluster',
  explanation:
    'A DocumentDB cluster fails over by promoting a replica instance. With one instance there is nothing to promote: '
    + '"For failover to function, your cluster must have at least two instances."',
  remediation: 'Add a second `AWS::DocDB::DBInstance` for the cluster (CDK: `instances: 2` or more on `docdb.DatabaseCluster`).',
  references: [
    { label: 'Amazon DocumentDB failover', url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/failover.html' },
    WA.REL10_BP01,
  ],
});

export const NEPTUNE_INSTANCES = clusterInstancesRule({
  id: 'HA-NEPTUNE1',
  service: 'Neptune',
  clusterType: 'AWS::Neptune::DBCluster',
  explanation:
    'A Neptune cluster fails over by promoting a read replica in another Availability Zone. With only a primary, '
    + 'a failure leaves the cluster unavailable until Neptune recreates the instance.',
  remediation: 'Add a read replica instance for the cluster (CDK: `instances: 2` on `neptune.DatabaseCluster`).',
  references: [
    configRule('neptune-cluster-multi-az-enabled'),
    { label: 'High availability for Neptune', url: 'https://docs.aws.amazon.com/neptune/latest/userguide/feature-overview-availability.html' },
    WA.REL10_BP01,
  ],
});
