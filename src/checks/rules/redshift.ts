import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { configRule, decideSpread, fail, notApplicable, Outcome, PASS, Rule, undecided, unknown, WA } from './rule';

const MULTI_AZ_DOC = { label: 'Setting up Multi-AZ deployment (Amazon Redshift)', url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/overview-multi-az.html' };
const SNAPSHOTS_DOC = { label: 'Amazon Redshift snapshots and backups', url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html' };

/** How many compute nodes a cluster has, or why it is not known. */
function nodeCount(r: Resource): { known: true; value: number; property: string; explicit: boolean } | { known: false; outcome: Outcome } {
  const type = r.str('ClusterType', 'multi-node');
  if (!type.known) return { known: false, outcome: undecided('ClusterType', type) };
  if (type.value.toLowerCase() === 'single-node') return { known: true, value: 1, property: 'ClusterType', explicit: true };
  const nodes = r.num('NumberOfNodes', 1);
  if (!nodes.known) return { known: false, outcome: undecided('NumberOfNodes', nodes) };
  return { known: true, value: nodes.value, property: 'NumberOfNodes', explicit: nodes.explicit };
}

export const REDSHIFT_SINGLE_NODE: Rule = {
  id: 'HA-REDSHIFT1',
  title: 'Redshift cluster is a single node',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::Redshift::Cluster'],
  explanation:
    'A single-node cluster has no other node to take over its work or, for DC2 node types, to hold a copy of its data: when the '
    + 'node fails, the warehouse is down until Redshift replaces it, and DC2 data has to be restored from the latest snapshot. A '
    + 'multi-node cluster replaces a failed node while the data stays available on the others (or in managed storage for RA3).',
  flags: 'A cluster with `ClusterType: single-node`, or `multi-node` with `NumberOfNodes` below 2.',
  defaults: '`ClusterType` defaults to `multi-node`; `NumberOfNodes` defaults to 1 ("If you don\'t specify this parameter, you get a single-node cluster").',
  remediation: 'Use `ClusterType: multi-node` with `NumberOfNodes` 2 or more (CDK: `clusterType: ClusterType.MULTI_NODE, numberOfNodes: 2` on '
    + 'the Redshift `Cluster` construct), or Redshift Serverless.',
  references: [
    { label: 'Amazon Redshift provisioned clusters', url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-clusters.html' },
    WA.REL10_BP01,
  ],
  evaluate(r) {
    const nodes = nodeCount(r);
    if (!nodes.known) return nodes.outcome;
    if (nodes.value >= 2) return PASS;
    return fail(nodes.property,
      `Redshift cluster ${r.logicalId} is a single node (${nodes.property === 'ClusterType' ? 'ClusterType single-node' : nodes.explicit ? 'NumberOfNodes 1' : 'NumberOfNodes is not set'}): when that node fails, `
      + 'the warehouse is unavailable until Redshift replaces it.');
  },
};

export const REDSHIFT_MULTI_AZ: Rule = {
  id: 'HA-REDSHIFT2',
  title: 'RA3 Redshift cluster is not Multi-AZ',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::Redshift::Cluster'],
  explanation:
    'A Single-AZ cluster runs all its compute in one Availability Zone: a zone failure makes the warehouse unavailable until the '
    + 'cluster is relocated or restored in another zone. A Multi-AZ deployment keeps equal compute in two zones behind one '
    + 'endpoint and carries on in the surviving zone. Multi-AZ needs RA3 node types (data in Redshift managed storage) and more '
    + 'than one node, so other clusters are not judged here.',
  flags: 'A multi-node cluster of an RA3 node type with `MultiAZ` absent or false.',
  defaults: '`MultiAZ` defaults to false.',
  remediation: 'Set `MultiAZ: true` (the cluster must be encrypted), with a cluster subnet group covering at least two Availability Zones.',
  references: [configRule('redshift-cluster-multi-az-enabled'), MULTI_AZ_DOC, WA.REL10_BP01],
  evaluate(r) {
    const nodeType = r.str('NodeType');
    if (!nodeType.known) return undecided('NodeType', nodeType);
    if (!nodeType.value.toLowerCase().startsWith('ra3.')) return notApplicable(`node type ${nodeType.value} does not support Multi-AZ`);
    const nodes = nodeCount(r);
    if (!nodes.known) return nodes.outcome;
    if (nodes.value < 2) return notApplicable('a single-node cluster cannot be Multi-AZ');
    const multiAz = r.bool('MultiAZ', false);
    if (!multiAz.known) return undecided('MultiAZ', multiAz);
    if (multiAz.value) return PASS;
    return fail('MultiAZ', `Redshift cluster ${r.logicalId} is Single-AZ (MultiAZ is ${multiAz.explicit ? 'false' : 'not set'}): `
      + 'an Availability Zone failure makes the warehouse unavailable until it is relocated or restored in another zone.');
  },
};

export const REDSHIFT_SUBNET_GROUP: Rule = {
  id: 'HA-REDSHIFT3',
  title: 'Redshift cluster subnet group is in one Availability Zone',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::Redshift::ClusterSubnetGroup'],
  explanation:
    'A cluster can only run, fail over (Multi-AZ) or be relocated to the zones of its subnet group. With subnets in one zone, '
    + 'a zone failure leaves the cluster nowhere else to go.',
  flags: 'A cluster subnet group whose `SubnetIds` are in fewer than two Availability Zones.',
  defaults: 'Subnets without an explicit `AvailabilityZone` are placed by AWS, so their zone is undecided.',
  remediation: 'Give the cluster subnet group subnets in at least two (preferably three) Availability Zones.',
  references: [configRule('redshift-cluster-subnet-group-multi-az'), MULTI_AZ_DOC, WA.REL10_BP01],
  evaluate(r, { topology }) {
    const subnets = r.list('SubnetIds');
    if (!subnets.known) return unknown('SubnetIds', `SubnetIds is ${subnets.reason}, so the zones of subnet group ${r.logicalId} are decided at deploy time.`);
    return decideSpread(topology.spreadOfSubnets(subnets.value), 'SubnetIds', `Cluster subnet group ${r.logicalId}`,
      'a zone failure leaves its clusters nowhere to run or relocate.');
  },
};

export const REDSHIFT_BACKUPS: Rule = {
  id: 'HA-REDSHIFT4',
  title: 'Redshift automated snapshots are turned off',
  severity: Severity.ERROR,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::Redshift::Cluster'],
  explanation:
    'With an automated snapshot retention period of 0, Redshift takes no automated snapshots: a lost cluster, a dropped table or '
    + 'corrupted data can be recovered only from manual snapshots, if anyone took one.',
  flags: 'A cluster with `AutomatedSnapshotRetentionPeriod: 0`.',
  defaults: '`AutomatedSnapshotRetentionPeriod` defaults to 1 day, which keeps snapshots on; this rule flags only an explicit 0.',
  remediation: 'Set `AutomatedSnapshotRetentionPeriod` to 7 days or more (CDK: `automatedSnapshotRetentionPeriod` on `redshift.CfnCluster`).',
  references: [configRule('redshift-backup-enabled'), SNAPSHOTS_DOC, WA.REL09_BP03],
  evaluate(r) {
    const retention = r.num('AutomatedSnapshotRetentionPeriod', 1);
    if (!retention.known) return undecided('AutomatedSnapshotRetentionPeriod', retention);
    if (retention.value > 0) return PASS;
    return fail('AutomatedSnapshotRetentionPeriod', `Redshift cluster ${r.logicalId} has AutomatedSnapshotRetentionPeriod 0: `
      + 'no automated snapshots, so a lost cluster or corrupted data can only be recovered from manual snapshots.');
  },
};

export const REDSHIFT_BACKUP_RETENTION: Rule = {
  id: 'HA-REDSHIFT5',
  title: 'Redshift automated snapshots are kept for less than 7 days',
  severity: Severity.INFO,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::Redshift::Cluster'],
  explanation:
    'Automated snapshots are the restore points of a cluster. With the default of one day, damage noticed after a weekend can '
    + 'no longer be undone from them. Seven days covers a late discovery at little extra cost.',
  flags: 'A cluster that keeps automated snapshots for 1 to 6 days, including when `AutomatedSnapshotRetentionPeriod` is absent.',
  defaults: '`AutomatedSnapshotRetentionPeriod` defaults to 1 day. A retention of 0 (snapshots off) is reported by HA-REDSHIFT4, not here.',
  remediation: 'Set `AutomatedSnapshotRetentionPeriod` to 7 days or more.',
  references: [configRule('redshift-backup-enabled'), SNAPSHOTS_DOC, WA.REL09_BP03],
  evaluate(r) {
    const retention = r.num('AutomatedSnapshotRetentionPeriod', 1);
    if (!retention.known) return undecided('AutomatedSnapshotRetentionPeriod', retention);
    if (retention.value <= 0) return notApplicable('automated snapshots are off, which HA-REDSHIFT4 reports');
    if (retention.value >= 7) return PASS;
    return fail('AutomatedSnapshotRetentionPeriod', `Redshift cluster ${r.logicalId} keeps automated snapshots for ${retention.value} `
      + `day${retention.value === 1 ? '' : 's'}${retention.explicit ? '' : ' (AutomatedSnapshotRetentionPeriod is not set)'}: `
      + 'damage noticed later than that cannot be undone from them.');
  },
};

/** Every rule of this file. */
export const REDSHIFT_RULES: readonly Rule[] = [
  REDSHIFT_SINGLE_NODE, REDSHIFT_MULTI_AZ, REDSHIFT_SUBNET_GROUP, REDSHIFT_BACKUPS, REDSHIFT_BACKUP_RETENTION,
];
