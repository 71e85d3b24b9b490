import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { ISubnet } from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import {
  disruptConnectivityStatements, failoverClusterStatements, insufficientCapacityStatements, rebootInstanceStatements, stopInstancesStatements,
  stopTasksStatements,
} from './permissions';
import { DrillPlan, Exercise, MutablePlan } from './plan';
import { EndpointLossOptions, ZoneLossOptions, ZonePowerInterruptionOptions } from './props';
import { ActivePassivePair } from '../active-passive-pair/active-passive-pair';
import { COMPONENT_TAG, componentTagValue } from '../common/component-tag';
import { PropsValidator } from '../common/validate-props';
import { MultiAzWebTier } from '../multi-az-web-tier/multi-az-web-tier';
import { ReplicatedDatabase } from '../replicated-database/replicated-database';
import { DatabaseTopologyKind } from '../replicated-database/topology';

const DEFAULT_DURATION = Duration.minutes(30);
const DEFAULT_CONNECTIVITY_LOSS = Duration.minutes(2);
const DEFAULT_ENDPOINT_LOSS = Duration.minutes(10);
/** FIS action durations run from one minute to twelve hours. */
const MIN_SECONDS = 60;
const MAX_SECONDS = 12 * 3600;

/** Web tier alarms that losing a zone sets off by design: a zone short of healthy targets, targets unhealthy there. */
const TIER_ALARMS_EXPECTED = /^(HealthyHostsZone\d+Alarm|UnhealthyHostsAlarm)$/;

/**
 * What a drill breaks. Create one with the static methods and give it to a `FailoverDrill`.
 *
 * @experimental
 */
export abstract class DrillScenario {
  /**
   * An Availability Zone loses power, following AWS's "AZ Availability: Power Interruption" scenario:
   * the web tiers' instances in the zone stop (and are started again at the end) and their groups cannot
   * launch there, their tasks there stop, the zone's subnets lose all connectivity for the first minutes,
   * and the databases whose writer is in the zone fail over. Losing a zone loses its hosts too, so the
   * drill exercises both an Availability Zone failure and a host or instance failure.
   */
  public static zonePowerInterruption(options: ZonePowerInterruptionOptions): DrillScenario {
    return new ZonePowerInterruption(options);
  }

  /** A `MultiAzWebTier` loses one of its zones: the power interruption scenario on the tier alone. */
  public static webTierZoneLoss(tier: MultiAzWebTier, options: ZoneLossOptions = {}): DrillScenario {
    return new ZonePowerInterruption({ webTiers: [tier], zone: options.zone, duration: options.duration }, 'webTierZoneLoss');
  }

  /**
   * A `ReplicatedDatabase` fails over: an Aurora or Multi-AZ DB cluster fails over to a reader or
   * standby (`aws:rds:failover-db-cluster`), a Multi-AZ DB instance reboots with failover
   * (`aws:rds:reboot-db-instances`, `forceFailover`). It exercises the loss of the writer's host.
   */
  public static databaseFailover(database: ReplicatedDatabase): DrillScenario {
    return new DatabaseFailover(database);
  }

  /**
   * The primary endpoint of an `ActivePassivePair` is lost: the subnets of the primary web tier's
   * load balancer lose all connectivity (`aws:network:disrupt-connectivity`), so the Route 53 health
   * check of the primary fails and DNS answers with the standby, as it would when the primary's
   * Region fails; at the end the subnets are restored and DNS returns to the primary. The primary must
   * be a `MultiAzWebTier` (`FailoverEndpoint.webTier`), and the drill in its account and Region.
   */
  public static primaryEndpointLoss(pair: ActivePassivePair, options: EndpointLossOptions = {}): DrillScenario {
    return new EndpointLoss({ pair }, options);
  }

  /**
   * A `MultiAzWebTier` is cut off, as when its Region fails: the subnets of its load balancer lose all
   * connectivity (`aws:network:disrupt-connectivity`). With DNS failover in front of it (an
   * `ActivePassivePair`, or the latency records of an `ActiveActive`), clients move to another Region
   * and come back when the subnets are restored. The drill must be in the tier's account and Region.
   */
  public static webTierLoss(tier: MultiAzWebTier, options: EndpointLossOptions = {}): DrillScenario {
    return new EndpointLoss({ tier }, options);
  }

  /**
   * Validates the scenario and plans the experiment.
   *
   * @internal
   */
  public abstract _plan(drill: IConstruct, v: PropsValidator): DrillPlan | undefined;
}

/** A duration as FIS takes it (ISO 8601), after checking its range. */
function isoDuration(v: PropsValidator, value: Duration, property: string): string {
  if (!value.isUnresolved()) {
    const seconds = value.toSeconds({ integral: false });
    v.require(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS, property, `${value.toHumanString()} is outside what FIS accepts`,
      'Use a duration from 1 minute to 12 hours.');
  }
  return value.toIsoString();
}

/** The zone of a subnet, or undefined for an imported subnet whose zone was not given. */
function zoneOf(subnet: ISubnet): string | undefined {
  try {
    return subnet.availabilityZone;
  } catch {
    return undefined;
  }
}

/** The IDs of a tier's subnets (compute and load balancer) in a zone. */
function subnetIdsIn(tier: MultiAzWebTier, zone: string): string[] {
  return (tier._subnetsByZone.get(zone) ?? []).map(s => s.subnetId);
}

class ZonePowerInterruption extends DrillScenario {
  constructor(private readonly options: ZonePowerInterruptionOptions, private readonly entry = 'zonePowerInterruption') {
    super();
  }

  public _plan(drill: IConstruct, v: PropsValidator): DrillPlan | undefined {
    const o = this.options;
    const tiers = o.webTiers ?? [];
    const databases = o.databases ?? [];
    const property = `scenario (DrillScenario.${this.entry})`;
    v.require(tiers.length + databases.length > 0, property, 'names no web tier and no database, so the drill would disrupt nothing',
      'Give webTiers, databases or both.');
    const zone = o.zone ?? tiers[0]?.availabilityZones[0] ?? databases[0]?._zones[0];
    if (zone === undefined) return undefined;
    const duration = isoDuration(v, o.duration ?? DEFAULT_DURATION, `${property}.duration`);
    const cut = o.connectivityLoss ?? DEFAULT_CONNECTIVITY_LOSS;
    const connectivityLoss = isoDuration(v, cut, `${property}.connectivityLoss`);
    const total = o.duration ?? DEFAULT_DURATION;
    if (!cut.isUnresolved() && !total.isUnresolved()) {
      v.require(cut.toSeconds({ integral: false }) <= total.toSeconds({ integral: false }), `${property}.connectivityLoss`,
        `${cut.toHumanString()} is longer than the interruption (${total.toHumanString()})`, 'Use a connectivity loss no longer than duration.');
    }
    for (const tier of tiers) {
      const known = tier.availabilityZones.every(z => !Token.isUnresolved(z)) && !Token.isUnresolved(zone);
      v.require(!known || tier.availabilityZones.includes(zone), `${property}.zone`,
        `${zone} is not a zone of web tier '${tier.node.path}' (${tier.availabilityZones.join(', ')})`, 'Name one of the tier\'s zones, or leave zone unset.');
    }

    const plan: MutablePlan = {
      description: `Availability Zone power interruption in ${Token.isUnresolved(zone) ? 'the chosen zone' : zone}: `
        + `${[...tiers, ...databases].map(b => b.node.path).join(', ')}`,
      exercises: ['instance', 'az'],
      targets: {},
      actions: {},
      statements: [],
      alarms: [],
      subjects: [...tiers, ...databases],
      emptyTargets: 'skip',
    };
    const subnetIds: string[] = [];
    tiers.forEach((tier, i) => {
      const n = tiers.length > 1 ? `${i + 1}` : '';
      const component = componentTagValue(tier);
      if (tier.autoScalingGroup) {
        plan.targets[`Group${n}`] = { resourceType: 'aws:ec2:autoscaling-group', resourceTags: { [COMPONENT_TAG]: component }, selectionMode: 'ALL' };
        plan.targets[`Instances${n}`] = {
          resourceType: 'aws:ec2:instance',
          resourceTags: { [COMPONENT_TAG]: component },
          filters: [{ path: 'Placement.AvailabilityZone', values: [zone] }, { path: 'State.Name', values: ['running'] }],
          selectionMode: 'ALL',
        };
        plan.actions[`PauseLaunches${n}`] = {
          actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
          description: `Launches of ${tier.node.path} fail in the zone`,
          parameters: { availabilityZoneIdentifiers: zone, duration, percentage: '100' },
          targets: { AutoScalingGroups: `Group${n}` },
        };
        plan.actions[`StopInstances${n}`] = {
          actionId: 'aws:ec2:stop-instances',
          description: `The instances of ${tier.node.path} in the zone stop, and start again at the end`,
          parameters: { startInstancesAfterDuration: duration, completeIfInstancesTerminated: 'true' },
          targets: { Instances: `Instances${n}` },
        };
        plan.statements.push(...stopInstancesStatements(drill, component), ...insufficientCapacityStatements());
      }
      if (tier.service && tier.cluster) {
        plan.targets[`Tasks${n}`] = {
          resourceType: 'aws:ecs:task',
          parameters: { cluster: tier.cluster.clusterName, service: tier.service.serviceName },
          filters: [{ path: 'AvailabilityZone', values: [zone] }],
          selectionMode: 'ALL',
        };
        plan.actions[`StopTasks${n}`] = {
          actionId: 'aws:ecs:stop-task',
          description: `The tasks of ${tier.node.path} in the zone stop`,
          targets: { Tasks: `Tasks${n}` },
        };
        plan.statements.push(...stopTasksStatements(tier.cluster.clusterArn));
      }
      subnetIds.push(...subnetIdsIn(tier, zone).filter(id => !subnetIds.includes(id)));
      plan.alarms.push(...tier.alarms.filter(a => !TIER_ALARMS_EXPECTED.test(a.node.id)));
    });
    for (const db of databases) {
      subnetIds.push(...db._subnets.filter(sn => zoneOf(sn) === zone).map(sn => sn.subnetId).filter(id => !subnetIds.includes(id)));
    }
    if (subnetIds.length) {
      plan.targets.Subnets = {
        resourceType: 'aws:ec2:subnet',
        resourceArns: subnetIds.map(id => subnetArn(drill, id)),
        selectionMode: 'ALL',
      };
      plan.actions.PauseNetworkConnectivity = {
        actionId: 'aws:network:disrupt-connectivity',
        description: 'The zone\'s subnets (web tiers and databases) lose all connectivity',
        parameters: { duration: connectivityLoss, scope: 'all' },
        targets: { Subnets: 'Subnets' },
      };
      plan.statements.push(...disruptConnectivityStatements(drill, subnetIds));
    }
    this.failOverDatabases(v, plan, databases, zone, property);
    return plan;
  }

  /** Multi-AZ instances whose primary is in the zone reboot with failover; Aurora clusters whose writer was placed there fail over. */
  private failOverDatabases(v: PropsValidator, plan: MutablePlan, databases: ReplicatedDatabase[], zone: string, property: string): void {
    const instances: string[] = [];
    const clusters: string[] = [];
    for (const db of databases) {
      plan.alarms.push(...databaseAlarms(db));
      if (db.instance) {
        instances.push(db.instance.instanceArn);
        continue;
      }
      v.require(db.topology.kind !== DatabaseTopologyKind.MULTI_AZ_CLUSTER, `${property}.databases`,
        `'${db.node.path}' is a Multi-AZ DB cluster, whose writer's zone is chosen by RDS, so the drill cannot tell whether it is in ${zone}`,
        'Drill its failover with DrillScenario.databaseFailover(db) instead.');
      if (db.cluster && db._writerZone === zone) clusters.push(db.cluster.clusterArn);
    }
    if (instances.length) {
      plan.targets.DatabaseInstances = {
        resourceType: 'aws:rds:db',
        resourceArns: instances,
        filters: [{ path: 'AvailabilityZone', values: [zone] }],
        selectionMode: 'ALL',
      };
      plan.actions.FailoverInstances = {
        actionId: 'aws:rds:reboot-db-instances',
        description: 'Multi-AZ DB instances whose primary is in the zone fail over',
        parameters: { forceFailover: 'true' },
        targets: { DBInstances: 'DatabaseInstances' },
      };
      plan.statements.push(...rebootInstanceStatements(instances));
    }
    if (clusters.length) {
      plan.targets.Clusters = { resourceType: 'aws:rds:cluster', resourceArns: clusters, selectionMode: 'ALL' };
      plan.actions.FailoverClusters = {
        actionId: 'aws:rds:failover-db-cluster',
        description: 'Aurora clusters whose writer is in the zone fail over',
        targets: { Clusters: 'Clusters' },
      };
      plan.statements.push(...failoverClusterStatements(clusters));
    }
  }
}

/** The database's alarms that a failover does not set off by design (replica lag does). */
function databaseAlarms(db: ReplicatedDatabase): cloudwatch.IAlarm[] {
  return db.alarms.filter(a => a.node.id !== 'ReplicaLag');
}

function subnetArn(scope: IConstruct, subnetId: string): string {
  return Stack.of(scope).formatArn({ service: 'ec2', resource: 'subnet', resourceName: subnetId });
}

class DatabaseFailover extends DrillScenario {
  constructor(private readonly database: ReplicatedDatabase) {
    super();
  }

  public _plan(): DrillPlan {
    const db = this.database;
    const base = { exercises: ['instance'] as Exercise[], statements: [] as iam.PolicyStatement[], alarms: databaseAlarms(db), subjects: [db], emptyTargets: 'fail' as const };
    if (db.instance) {
      return {
        ...base,
        description: `Failover of ${db.node.path}: the Multi-AZ DB instance reboots with failover to its standby`,
        targets: { Instance: { resourceType: 'aws:rds:db', resourceArns: [db.instance.instanceArn], selectionMode: 'ALL' } },
        actions: { Failover: { actionId: 'aws:rds:reboot-db-instances', parameters: { forceFailover: 'true' }, targets: { DBInstances: 'Instance' } } },
        statements: rebootInstanceStatements([db.instance.instanceArn]),
      };
    }
    const clusterArn = db.cluster!.clusterArn;
    return {
      ...base,
      description: `Failover of ${db.node.path}: the cluster promotes a reader or standby to writer`,
      targets: { Cluster: { resourceType: 'aws:rds:cluster', resourceArns: [clusterArn], selectionMode: 'ALL' } },
      actions: { Failover: { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'Cluster' } } },
      statements: failoverClusterStatements([clusterArn]),
    };
  }
}

class EndpointLoss extends DrillScenario {
  constructor(private readonly subject: { pair?: ActivePassivePair; tier?: MultiAzWebTier }, private readonly options: EndpointLossOptions) {
    super();
  }

  public _plan(drill: IConstruct, v: PropsValidator): DrillPlan | undefined {
    const pair = this.subject.pair;
    const entry = pair ? 'primaryEndpointLoss' : 'webTierLoss';
    const tier = this.subject.tier ?? pair?._primaryTier;
    if (pair) {
      v.require(tier !== undefined, `scenario (DrillScenario.${entry})`,
        `the primary of pair '${pair.node.path}' is not a MultiAzWebTier, and FIS can only cut off the subnets of a load balancer it knows`,
        'Make the primary FailoverEndpoint.webTier(tier), or drill the primary\'s own failure where it runs.');
    }
    if (!tier) return undefined;
    const duration = isoDuration(v, this.options.duration ?? DEFAULT_ENDPOINT_LOSS, `scenario (DrillScenario.${entry}).duration`);
    const subnetIds = [...new Set(tier._loadBalancerSubnets.map(s => s.subnetId))];
    // The pair's alarm on the standby says there is nothing to fail over to (the primary's fires by design);
    // FIS reads alarms of its own Region only.
    const region = Stack.of(drill).region;
    const alarms = (pair?.alarms ?? []).filter(a => a.node.id === 'SecondaryUnhealthyAlarm' && Stack.of(a).region === region);
    return {
      description: pair
        ? `Loss of the primary of ${pair.node.path}: the subnets of ${tier.node.path}'s load balancer lose all connectivity, and DNS fails over`
        : `Loss of ${tier.node.path}: the subnets of its load balancer lose all connectivity, as when its Region fails`,
      exercises: ['region'],
      targets: { LoadBalancerSubnets: { resourceType: 'aws:ec2:subnet', resourceArns: subnetIds.map(id => subnetArn(drill, id)), selectionMode: 'ALL' } },
      actions: {
        CutOffLoadBalancer: {
          actionId: 'aws:network:disrupt-connectivity',
          description: 'The load balancer\'s subnets lose all connectivity; DNS failover sends clients to another Region',
          parameters: { duration, scope: 'all' },
          targets: { Subnets: 'LoadBalancerSubnets' },
        },
      },
      statements: disruptConnectivityStatements(drill, subnetIds),
      alarms,
      subjects: [tier],
      emptyTargets: 'fail',
    };
  }
}
