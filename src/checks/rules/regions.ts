import { fail, notApplicable, PASS, Rule, unknown, WA } from './rule';
import { isObject } from '../model/json';
import type { Resource, TemplateModel } from '../model/template-model';
import { asString, evaluate, valueAt } from '../model/values';
import { crossRegionReplicas, globalCopies, globalDatabaseOf, regionalAlternatives } from '../objectives/region-copies';
import { RuleCategory, Severity } from '../types';

const DR_OPTIONS = { label: 'Disaster recovery options in the cloud', url: 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html' };
const AURORA_GLOBAL_DOC = { label: 'Using Amazon Aurora global databases', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html' };
const GLOBAL_TABLES_DOC = { label: 'DynamoDB global tables', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html' };
const REGION_SWITCH_DOC = { label: 'Region switch in ARC', url: 'https://docs.aws.amazon.com/r53recovery/latest/dg/region-switch.html' };

/** The data stores of a stack that a web tier there reads: databases (not their members or replicas) and tables. */
function dataStores(model: TemplateModel): Resource[] {
  return [
    ...model.ofType('AWS::RDS::DBCluster'),
    ...model.ofType('AWS::RDS::DBInstance').filter(i => !i.has('DBClusterIdentifier') && !i.has('SourceDBInstanceIdentifier')),
    ...model.ofType('AWS::DynamoDB::GlobalTable'),
    ...model.ofType('AWS::DynamoDB::Table'),
  ];
}

/** Whether a data store has a copy in a Region: yes, no, or undecided with the reason. */
function copyIn(store: Resource, region: string): true | false | { undecided: string } {
  switch (store.type) {
    case 'AWS::RDS::DBCluster': {
      const { copies, global, undecided } = globalCopies(store);
      if (global?.members.some(m => m !== store && m.model.region === region) || copies.some(c => c.model.region === region)) return true;
      return undecided ? { undecided } : false;
    }
    case 'AWS::RDS::DBInstance':
      return crossRegionReplicas(store).some(r => r.model.region === region);
    case 'AWS::DynamoDB::GlobalTable': {
      const replicas = store.list('Replicas');
      if (!replicas.known) return { undecided: `the Replicas of ${store.logicalId} are ${replicas.reason}` };
      const regions = replicas.value.map((_, i) => asString(valueAt(store.properties, `Replicas.${i}.Region`, store.model)));
      if (regions.some(r => r.known && r.value === region)) return true;
      const open = regions.find(r => !r.known);
      return open && !open.known ? { undecided: `a Region of ${store.logicalId}'s replicas is ${open.reason}` } : false;
    }
    default:
      return false;
  }
}

export const REGION_WITHOUT_DATA: Rule = {
  id: 'HA-REGION1',
  title: 'Region that takes over traffic has no copy of the data it reads',
  severity: Severity.ERROR,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  explanation:
    'DNS failover (or latency routing) between Regions moves clients to the web tier of another Region when theirs fails. '
    + 'That tier is only useful if the data its application reads is there too: a database or table that lives in the failed '
    + 'Region only leaves the standby answering with errors or an empty data tier, however healthy its load balancer is.',
  flags: 'A load balancer that Route 53 records (failover, latency or weighted, with the same name and type) pair with a load balancer '
    + 'of another Region, when a database or table of that Region\'s stack has no copy in this load balancer\'s Region: no member of its '
    + 'Aurora global database, no cross-Region read replica, no global table replica.',
  defaults: 'Regions are those of the stacks (CDK stacks with an `env`, cloud assemblies); load balancers whose Region is not known are not paired. '
    + 'The data a tier reads is taken to be the databases and tables of its stack.',
  remediation: 'Copy the data to the Region that takes over: an Aurora global database secondary or a cross-Region read replica '
    + '(cdk-ha: `ReplicatedDatabase` with `secondaryRegions` and a `ReplicatedDatabaseSecondary` in the other Region), or a DynamoDB '
    + 'global table with a replica there (`dynamodb.TableV2` with `replicas`).',
  references: [DR_OPTIONS, WA.REL10_BP01, WA.REL13_BP02],
  evaluate(r) {
    const region = r.model.region;
    const { alternatives } = regionalAlternatives(r);
    if (!region || alternatives.length === 0) return notApplicable('DNS sends the clients of this load balancer to no load balancer of another Region');
    const missing: string[] = [];
    const undecided: string[] = [];
    for (const other of alternatives) {
      for (const store of dataStores(other.model)) {
        const copy = copyIn(store, region);
        if (copy === false) missing.push(`${store.logicalId} (${store.model.stackName}, ${other.model.region})`);
        else if (copy !== true) undecided.push(copy.undecided);
      }
    }
    if (missing.length) {
      return fail(undefined, `Load balancer ${r.logicalId} in ${region} takes the traffic of ${alternatives.map(a => `${a.logicalId} (${a.model.region})`).join(', ')} `
        + `when that Region fails, but the data read there has no copy in ${region}: ${missing.join(', ')}. After a failover this Region serves without its data.`);
    }
    if (undecided.length) return unknown(undefined, `Whether the data read in the other Region has a copy in ${region} is decided at deploy time: ${undecided.join('; ')}.`);
    return PASS;
  },
};

export const GLOBAL_DATABASE_ALONE: Rule = {
  id: 'HA-REGION2',
  title: 'Aurora global database has a single cluster',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::RDS::GlobalCluster', 'AWS::RDS::DBCluster'],
  explanation:
    'An Aurora global database copies its primary cluster to secondary clusters in other Regions, and can switch over or fail over to '
    + 'one of them when the primary Region fails. With a single cluster it copies nothing: it costs and promises a Region failover that '
    + 'cannot happen, usually because the secondary was forgotten or lives in a stack that is not deployed.',
  flags: 'An `AWS::RDS::GlobalCluster`, or a DB cluster of a global database, when the workload shows no other cluster of that global database.',
  defaults: 'Clusters join a global database through `GlobalClusterIdentifier` (a literal or a reference) or are its `SourceDBClusterIdentifier`. '
    + 'A cluster that names a global database the workload does not create may have its other clusters outside the app: undecided.',
  remediation: 'Add a secondary cluster in another Region (`AWS::RDS::DBCluster` with the same `GlobalClusterIdentifier`, engine and version; '
    + 'cdk-ha: `ReplicatedDatabaseSecondary`), or remove the global database.',
  references: [AURORA_GLOBAL_DOC, WA.REL10_BP01],
  evaluate(r) {
    let cluster = r;
    if (r.type === 'AWS::RDS::GlobalCluster') {
      const source = evaluate(r.properties.SourceDBClusterIdentifier, r.model);
      const members = r.model.workload.ofType('AWS::RDS::DBCluster').filter(c => globalDatabaseOf(c)?.resource === r);
      if (members.length === 0) {
        if (source.kind === 'unknown') return unknown('SourceDBClusterIdentifier', `SourceDBClusterIdentifier is ${source.reason}, so the global database's clusters are decided at deploy time.`);
        return source.kind === 'absent'
          ? fail(undefined, `Global database ${r.logicalId} has no cluster in the workload: it copies nothing to another Region.`)
          : unknown('SourceDBClusterIdentifier', `Global database ${r.logicalId} starts from a cluster outside the workload; whether it has a secondary is not known.`);
      }
      cluster = members[0];
    }
    const global = globalDatabaseOf(cluster);
    if (!global) return notApplicable('not part of an Aurora global database');
    if (global.members.length >= 2) return PASS;
    if (global.undecided.length) {
      return unknown('GlobalClusterIdentifier', `Whether ${global.undecided.map(u => u.logicalId).join(', ')} join global database ${global.key} is decided at deploy time.`);
    }
    if (!global.resource) {
      return unknown('GlobalClusterIdentifier', `DB cluster ${cluster.logicalId} joins global database ${global.key}, which the workload does not create: its other clusters may be outside the app.`);
    }
    return fail(r.type === 'AWS::RDS::DBCluster' ? 'GlobalClusterIdentifier' : undefined,
      `Global database ${global.key} has a single cluster, ${cluster.logicalId}, and no secondary in another Region: a failure of ${cluster.model.region ?? 'its Region'} loses the database.`);
  },
};

export const GLOBAL_TABLE_ONE_REGION: Rule = {
  id: 'HA-REGION3',
  title: 'DynamoDB global table has a replica in one Region only',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::DynamoDB::GlobalTable'],
  explanation:
    'A global table replicates every write to its replicas in other Regions, so that each Region keeps serving when another fails. '
    + 'With a single replica it is a regional table with a global table\'s name: a Region failure takes the data with it.',
  flags: 'An `AWS::DynamoDB::GlobalTable` whose `Replicas` name fewer than two distinct Regions.',
  defaults: 'A replica without `Region` is in the stack\'s Region.',
  remediation: 'Add a replica in another Region (`Replicas` entry with its `Region`; CDK: `replicas: [{ region: \'eu-central-1\' }]` on `dynamodb.TableV2`).',
  references: [GLOBAL_TABLES_DOC, WA.REL10_BP01],
  evaluate(r) {
    const replicas = r.list('Replicas');
    if (!replicas.known) return unknown('Replicas', `Replicas is ${replicas.reason}, so the table's Regions are decided at deploy time.`);
    const regions = new Set<string>();
    for (let i = 0; i < replicas.value.length; i++) {
      const region = asString(valueAt(r.properties, `Replicas.${i}.Region`, r.model));
      if (!region.known) return unknown(`Replicas.${i}.Region`, `The Region of replica ${i + 1} is ${region.reason}.`);
      regions.add(region.value);
    }
    if (regions.size >= 2) return PASS;
    return fail('Replicas', `Global table ${r.logicalId} has replicas in ${regions.size === 0 ? 'no Region' : `one Region only (${[...regions][0]})`}: `
      + 'a failure of that Region takes the data with it.');
  },
};

export const PLAN_WITHOUT_ALARMS: Rule = {
  id: 'HA-REGION4',
  title: 'Region switch plan has no associated alarm',
  severity: Severity.WARNING,
  category: RuleCategory.MONITORING,
  resourceTypes: ['AWS::ARCRegionSwitch::Plan'],
  explanation:
    'A Region switch plan runs the steps that move a workload to another Region. Its associated alarms say whether the application is '
    + 'healthy in each Region, so that whoever runs the plan (or its trigger) knows when to, and that the activated Region works; a trigger '
    + 'can only start the plan from an associated alarm. A plan without any is run blind.',
  flags: 'An `AWS::ARCRegionSwitch::Plan` whose `AssociatedAlarms` is absent or empty.',
  defaults: '`AssociatedAlarms` defaults to none.',
  remediation: 'Associate the application health alarms of each Region (for example the Route 53 health check alarms of the failover records) '
    + 'with `AssociatedAlarms` (`alarmType: applicationHealth`, or `trigger` to start the plan automatically). cdk-ha: `RegionSwitchPlan`.',
  references: [REGION_SWITCH_DOC, WA.REL06_BP01, WA.REL11_BP01],
  evaluate(r) {
    const raw = r.properties.AssociatedAlarms;
    const value = evaluate(raw, r.model);
    if (value.kind === 'unknown') {
      return unknown('AssociatedAlarms', `AssociatedAlarms is ${value.reason}, so whether the plan watches any alarm is decided at deploy time.`);
    }
    if (value.kind === 'literal' && isObject(value.value) && Object.keys(value.value).length > 0) return PASS;
    return fail('AssociatedAlarms', `Region switch plan ${r.logicalId} has no associated alarm: nothing tells whoever runs it whether the application `
      + 'is healthy in each Region, and no trigger can start it.');
  },
};

/** Every rule of this file. */
export const REGION_RULES: readonly Rule[] = [REGION_WITHOUT_DATA, GLOBAL_DATABASE_ALONE, GLOBAL_TABLE_ONE_REGION, PLAN_WITHOUT_ALARMS];
