import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, unknown, WA } from './rule';

const DOMAIN_TYPES = ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'];

/** The cluster configuration property of a domain: `ClusterConfig` (OpenSearch) or `ElasticsearchClusterConfig` (legacy). */
function configOf(r: Resource): string {
  return r.type === 'AWS::Elasticsearch::Domain' ? 'ElasticsearchClusterConfig' : 'ClusterConfig';
}

function domainLabel(r: Resource): string {
  return `${r.type === 'AWS::Elasticsearch::Domain' ? 'Elasticsearch' : 'OpenSearch'} domain ${r.logicalId}`;
}

interface Problem { readonly property: string; readonly text: string; readonly severity?: Severity }

/** A failure from the problems found, else an unknown outcome from the undecided values, else a pass. */
function decide(r: Resource, problems: Problem[], undecided: { property: string; reason: string }[], consequence: string): Outcome {
  if (problems.length) {
    const severity = problems.some(p => p.severity === undefined) ? undefined : problems[0].severity;
    return fail(problems[0].property, `${domainLabel(r)} ${problems.map(p => p.text).join(' and ')}: ${consequence}`, severity);
  }
  if (undecided.length) {
    return unknown(undecided[0].property, `${undecided.map(u => `${u.property} is ${u.reason}`).join('; ')}, so this can only be decided at deploy time.`);
  }
  return PASS;
}

export const SEARCH_DATA_NODES: Rule = {
  id: 'HA-SEARCH1',
  title: 'OpenSearch domain has fewer than three data nodes or is not zone-aware',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: DOMAIN_TYPES,
  explanation:
    'Without zone awareness, OpenSearch Service may place every data node, and every copy of a shard, in one Availability Zone, '
    + 'so a zone failure takes the domain down and can lose data. With a single data node, any node failure does. With two data '
    + 'nodes, losing one leaves a single copy of each shard, and without dedicated master nodes the cluster cannot elect a master. '
    + 'AWS recommends at least three data nodes across zones, with at least one replica shard per index (the replica count is '
    + 'set through the OpenSearch API, so the template does not show it).',
  flags: 'A domain whose cluster configuration has `ZoneAwarenessEnabled` absent or false, or `InstanceCount` absent or below 3. '
    + 'Two zone-aware data nodes are a warning; one data node, or no zone awareness, is an error.',
  defaults: '`InstanceCount` defaults to 1 and `ZoneAwarenessEnabled` to false.',
  remediation:
    'Set `ZoneAwarenessEnabled: true` with `ZoneAwarenessConfig.AvailabilityZoneCount: 3` where the Region has three zones, and '
    + '`InstanceCount` to 3 or more, a multiple of the zone count (CDK: `capacity: { dataNodes: 3 }, zoneAwareness: { enabled: true, '
    + 'availabilityZoneCount: 3 }` on `opensearch.Domain`); give every index at least one replica.',
  references: [
    configRule('opensearch-data-node-fault-tolerance'),
    { label: 'Configuring a multi-AZ domain in Amazon OpenSearch Service', url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html' },
    WA.REL10_BP01,
  ],
  evaluate(r) {
    const cfg = configOf(r);
    const problems: Problem[] = [];
    const undecided: { property: string; reason: string }[] = [];
    const zoneAware = r.bool(`${cfg}.ZoneAwarenessEnabled`, false);
    const count = r.num(`${cfg}.InstanceCount`, 1);
    if (!zoneAware.known) undecided.push({ property: `${cfg}.ZoneAwarenessEnabled`, reason: zoneAware.reason });
    else if (!zoneAware.value) problems.push({ property: `${cfg}.ZoneAwarenessEnabled`, text: `is not zone-aware (ZoneAwarenessEnabled is ${zoneAware.explicit ? 'false' : 'not set'})` });
    if (!count.known) {
      undecided.push({ property: `${cfg}.InstanceCount`, reason: count.reason });
    } else if (count.value < 3) {
      problems.push({
        property: `${cfg}.InstanceCount`,
        text: `has ${count.value === 1 ? 'a single data node' : `${count.value} data nodes`}${count.explicit ? '' : ' (InstanceCount is not set)'}`,
        // Two nodes survive the loss of one with a replica shard, but have no quorum of their own: a warning, not an error.
        severity: count.value >= 2 ? Severity.WARNING : undefined,
      });
    }
    return decide(r, problems, undecided,
      'a node or Availability Zone failure can make the domain unavailable or lose the only copy of some shards.');
  },
};

export const SEARCH_MASTER_NODES: Rule = {
  id: 'HA-SEARCH2',
  title: 'OpenSearch domain has no three dedicated master nodes',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: DOMAIN_TYPES,
  explanation:
    'Dedicated master (cluster manager) nodes keep the cluster state and elect a leader by quorum. Without them, data nodes also '
    + 'do this work, and a busy or failed data node can destabilise the whole cluster; with fewer than three, losing one leaves no '
    + 'quorum. AWS recommends three dedicated master nodes for every production domain.',
  flags: 'A domain with `DedicatedMasterEnabled` absent or false, or `DedicatedMasterCount` below 3.',
  defaults: '`DedicatedMasterEnabled` defaults to false. With it on and `DedicatedMasterCount` absent, the service default applies; '
    + 'OpenSearch Service accepts only counts greater than 2 (and not 4), so only explicit counts are compared.',
  remediation: 'Set `DedicatedMasterEnabled: true` and `DedicatedMasterCount: 3` with a `DedicatedMasterType` (CDK: `capacity: { masterNodes: 3, '
    + 'masterNodeInstanceType: ... }` on `opensearch.Domain`).',
  references: [
    configRule('opensearch-primary-node-fault-tolerance'),
    { label: 'Dedicated master nodes in Amazon OpenSearch Service', url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-dedicatedmasternodes.html' },
    WA.REL10_BP01,
  ],
  evaluate(r) {
    const cfg = configOf(r);
    const enabled = r.bool(`${cfg}.DedicatedMasterEnabled`, false);
    if (!enabled.known) return decide(r, [], [{ property: `${cfg}.DedicatedMasterEnabled`, reason: enabled.reason }], '');
    if (!enabled.value) {
      return decide(r, [{ property: `${cfg}.DedicatedMasterEnabled`, text: `has no dedicated master nodes (DedicatedMasterEnabled is ${enabled.explicit ? 'false' : 'not set'})` }], [],
        'cluster management runs on the data nodes, and a busy or failed data node can leave the cluster without a master.');
    }
    const count = r.value(`${cfg}.DedicatedMasterCount`);
    if (count.kind === 'absent') return PASS;
    const n = r.num(`${cfg}.DedicatedMasterCount`);
    if (!n.known) return decide(r, [], [{ property: `${cfg}.DedicatedMasterCount`, reason: n.reason }], '');
    if (n.value >= 3) return PASS;
    return decide(r, [{ property: `${cfg}.DedicatedMasterCount`, text: `has ${n.value} dedicated master node${n.value === 1 ? '' : 's'}` }], [],
      'losing one leaves no quorum to elect a master, and the cluster stops accepting writes.');
  },
};

export const SEARCH_STANDBY: Rule = {
  id: 'HA-SEARCH3',
  title: 'OpenSearch domain in three zones has no standby',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::OpenSearchService::Domain'],
  explanation:
    'A zone-aware domain in three zones serves from every zone; when one fails, the other two take its load while shards are '
    + 'recovered, and the domain may slow down or turn yellow for that time. Multi-AZ with Standby keeps one zone\'s capacity idle as a '
    + 'standby that takes over in under a minute without moving shards, and is what the 99.99% OpenSearch Service SLA requires.',
  flags: 'An OpenSearch Service domain with `ZoneAwarenessEnabled: true` and `ZoneAwarenessConfig.AvailabilityZoneCount: 3` whose '
    + '`MultiAZWithStandbyEnabled` is absent or false.',
  defaults: '`MultiAZWithStandbyEnabled` is off unless set (CDK sets it when the `ENABLE_OPENSEARCH_MULTIAZ_WITH_STANDBY` feature flag is on); '
    + 'it needs three zones and dedicated master nodes, so domains in two zones are not judged.',
  remediation: 'Set `ClusterConfig.MultiAZWithStandbyEnabled: true` with dedicated master nodes and a data node count that is a multiple '
    + 'of three (CDK: `capacity: { multiAzWithStandbyEnabled: true, masterNodes: 3, dataNodes: 3 }`).',
  raisedBy: 'availability',
  references: [
    { label: 'Configuring a Multi-AZ domain with standby in Amazon OpenSearch Service', url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html' },
    WA.REL10_BP01,
    WA.REL11_BP05,
  ],
  evaluate(r) {
    const zoneAware = r.bool('ClusterConfig.ZoneAwarenessEnabled', false);
    if (!zoneAware.known) return decide(r, [], [{ property: 'ClusterConfig.ZoneAwarenessEnabled', reason: zoneAware.reason }], '');
    const zones = r.num('ClusterConfig.ZoneAwarenessConfig.AvailabilityZoneCount', 2);
    if (!zoneAware.value) return notApplicable('a standby needs a zone-aware domain in three zones');
    if (!zones.known) return decide(r, [], [{ property: 'ClusterConfig.ZoneAwarenessConfig.AvailabilityZoneCount', reason: zones.reason }], '');
    if (zones.value !== 3) return notApplicable('a standby needs a zone-aware domain in three zones');
    const standby = r.bool('ClusterConfig.MultiAZWithStandbyEnabled', false);
    if (!standby.known) return decide(r, [], [{ property: 'ClusterConfig.MultiAZWithStandbyEnabled', reason: standby.reason }], '');
    if (standby.value) return PASS;
    return decide(r, [{ property: 'ClusterConfig.MultiAZWithStandbyEnabled', text: 'serves from three zones without a standby' }], [],
      'when a zone fails, the other two take its load while its shards are recovered, instead of a standby taking over in under a minute.');
  },
};

/** Every rule of this file. */
export const OPENSEARCH_RULES: readonly Rule[] = [SEARCH_DATA_NODES, SEARCH_MASTER_NODES, SEARCH_STANDBY];
