import { Disruption, DISRUPTIONS } from './objectives';
import { isObject, Json } from '../model/json';
import type { Resource, TemplateModel } from '../model/template-model';
import { linkedResources } from '../model/values';

/**
 * The tag with which an experiment template says which disruptions it exercises (`az`, `instance`,
 * `region`, comma-separated). cdk-ha's drills set it; for other templates the actions tell.
 */
export const EXERCISES_TAG = 'cdk-ha:exercises';

/** A drill of the workload: an experiment template, or the practice runs of zonal autoshift. */
export interface Drill {
  readonly resource: Resource;
  readonly kind: 'experiment' | 'practice-runs';
  /** The disruptions it exercises. */
  readonly disruptions: readonly Disruption[];
  /** True when an EventBridge Scheduler schedule of the workload starts it. */
  readonly scheduled: boolean;
  /** Why what it exercises is decided only at deploy time (a condition, actions from a parameter). */
  readonly undecided?: string;
}

/** FIS actions whose effect is confined to one zone: losing it, or its capacity. */
const ZONE_ACTIONS = new Set([
  'aws:ec2:asg-insufficient-instance-capacity-error', 'aws:ec2:api-insufficient-instance-capacity-error', 'aws:network:disrupt-connectivity',
  'aws:arc:start-zonal-autoshift', 'aws:elasticache:replicationgroup-interrupt-az-power', 'aws:elasticache:interrupt-cluster-az-power',
  'aws:network:cross-az-traffic-slowdown',
]);

/** FIS actions that take one host, instance, task or database writer away. */
const INSTANCE_ACTIONS = new Set([
  'aws:ec2:stop-instances', 'aws:ec2:terminate-instances', 'aws:ec2:reboot-instances', 'aws:ecs:stop-task', 'aws:ecs:drain-container-instances',
  'aws:eks:terminate-nodegroup-instances', 'aws:eks:pod-delete', 'aws:rds:failover-db-cluster', 'aws:rds:reboot-db-instances',
  'aws:ec2:send-spot-instance-interruptions', 'aws:ebs:pause-volume-io',
]);

/** FIS actions that cut a Region off or stop what replicates out of it. */
const REGION_ACTIONS = new Set([
  'aws:network:route-table-disrupt-cross-region-connectivity', 'aws:network:transit-gateway-disrupt-cross-region-connectivity',
  'aws:s3:bucket-pause-replication', 'aws:dynamodb:global-table-pause-replication',
]);

/** The string values of a literal map, by key (`Tags`, `Actions`, `Targets`); undefined entries are left out. */
function entries(raw: Json | undefined): [string, Json][] {
  return isObject(raw) ? Object.entries(raw).filter((e): e is [string, Json] => e[1] !== undefined) : [];
}

/** The disruptions an experiment template exercises, from its tag or else its actions and their targets' zone filters. */
function disruptionsOf(template: Resource): Disruption[] {
  const tag = isObject(template.properties.Tags) ? template.properties.Tags[EXERCISES_TAG] : undefined;
  if (typeof tag === 'string') return DISRUPTIONS.filter(d => tag.split(',').map(t => t.trim()).includes(d));
  const found = new Set<Disruption>();
  const targets = new Map(entries(template.properties.Targets));
  for (const [, action] of entries(template.properties.Actions)) {
    if (!isObject(action) || typeof action.ActionId !== 'string') continue;
    const id = action.ActionId;
    if (ZONE_ACTIONS.has(id)) found.add('az');
    if (REGION_ACTIONS.has(id)) found.add('region');
    if (INSTANCE_ACTIONS.has(id)) {
      // Hosts taken away; when they are the hosts of one zone (a filter on the zone), the zone is lost too.
      found.add('instance');
      if (entries(action.Targets).some(([, name]) => typeof name === 'string' && zoneFiltered(targets.get(name)))) found.add('az');
    }
    if (entries(action.Parameters).some(([key]) => /^availabilityZoneIdentifiers?$/.test(key))) found.add('az');
  }
  return DISRUPTIONS.filter(d => found.has(d));
}

function zoneFiltered(target: Json | undefined): boolean {
  if (!isObject(target) || !Array.isArray(target.Filters)) return false;
  return target.Filters.some(f => isObject(f) && typeof f.Path === 'string' && /AvailabilityZone$/i.test(f.Path));
}

/** The templates that an EventBridge Scheduler schedule of the workload starts. */
function scheduledTemplates(stacks: readonly TemplateModel[]): Set<Resource> {
  const started = new Set<Resource>();
  for (const model of stacks) {
    for (const schedule of model.ofType('AWS::Scheduler::Schedule')) {
      for (const link of linkedResources(schedule.properties.Target, model)) {
        const r = link.model.resource(link.logicalId);
        if (r?.type === 'AWS::FIS::ExperimentTemplate') started.add(r);
      }
    }
  }
  return started;
}

/** The drills of a group of stacks: FIS experiment templates, and zonal autoshift configurations with practice runs. */
export function drillsOf(stacks: readonly TemplateModel[]): Drill[] {
  const scheduled = scheduledTemplates(stacks);
  const drills: Drill[] = [];
  for (const model of stacks) {
    for (const template of model.ofType('AWS::FIS::ExperimentTemplate')) {
      const exists = template.condition === undefined ? true : model.conditionValue(template.condition);
      if (exists === false) continue;
      const undecided = exists === undefined ? `${template.logicalId} exists only when condition ${template.condition} holds`
        : !isObject(template.properties.Actions) || Object.values(template.properties.Actions).some(a => !isObject(a) || typeof a.ActionId !== 'string')
          ? `the actions of ${template.logicalId} are decided at deploy time` : undefined;
      drills.push({
        resource: template, kind: 'experiment', disruptions: undecided ? [] : disruptionsOf(template), scheduled: scheduled.has(template), undecided,
      });
    }
    for (const autoshift of model.ofType('AWS::ARCZonalShift::ZonalAutoshiftConfiguration')) {
      const status = autoshift.str('ZonalAutoshiftStatus', 'DISABLED');
      if (!status.known || status.value.toUpperCase() !== 'ENABLED' || !autoshift.has('PracticeRunConfiguration')) continue;
      // ARC runs the practice runs weekly on its own.
      drills.push({ resource: autoshift, kind: 'practice-runs', disruptions: ['az'], scheduled: true });
    }
  }
  return drills;
}
