import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { placementOf } from './placement';
import { decideSpread, fail, notApplicable, Outcome, PASS, Rule, undecided, unknown, WA } from './rule';

export const ECS_TASK_COUNT: Rule = {
  id: 'HA-ECS1',
  title: 'ECS service runs fewer than two tasks',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::ECS::Service'],
  explanation:
    'A service with one task is down whenever that task stops: a failed health check, a host or zone failure, a deployment '
    + 'that replaces it. ECS spreads the tasks of a service across zones, but only if there are at least two.',
  flags: 'A replica service whose `DesiredCount` is absent or below 2, unless an Application Auto Scaling target for the service keeps `MinCapacity` at 2 or more.',
  defaults: '`DesiredCount` defaults to 1 for a new service; `SchedulingStrategy` defaults to `REPLICA`.',
  remediation: 'Set `DesiredCount` to at least 2 (CDK: `desiredCount: 2`), or scale the service with `minCapacity` of 2 or more.',
  references: [WA.REL10_BP01, WA.REL11_BP05],
  evaluate(r, { topology }) {
    const strategy = r.str('SchedulingStrategy', 'REPLICA');
    if (strategy.known && strategy.value.toUpperCase() === 'DAEMON') return notApplicable('a daemon service runs one task per instance');
    const desired = r.num('DesiredCount', 1);
    if (desired.known && desired.value >= 2) return PASS;
    const targets = topology.referrers('AWS::ApplicationAutoScaling::ScalableTarget', 'ResourceId', r.logicalId)
      .filter(t => { const d = t.str('ScalableDimension'); return !d.known || d.value === 'ecs:service:DesiredCount'; });
    for (const target of targets) {
      const min = target.num('MinCapacity');
      if (!min.known) return unknown('DesiredCount', `The service is scaled by ${target.logicalId}, whose MinCapacity is ${min.reason}.`);
      if (min.value >= 2) return PASS;
    }
    if (!desired.known) return undecided('DesiredCount', desired);
    return fail('DesiredCount', `ECS service ${r.logicalId} runs ${desired.value} task${desired.value === 1 ? '' : 's'}`
      + `${desired.explicit ? '' : ' (DesiredCount is not set)'}${targets.length ? ' and its scaling target allows fewer than 2' : ''}: `
      + 'when that task stops, the service is down until a replacement starts and passes its health checks.');
  },
};

const AWSVPC_SUBNETS = 'NetworkConfiguration.AwsvpcConfiguration.Subnets';

export const ECS_MULTI_AZ: Rule = {
  id: 'HA-ECS2',
  title: 'ECS service runs its tasks in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::ECS::Service'],
  explanation:
    'A service using the awsvpc network mode (every Fargate service) places its tasks only in the subnets it is given. With '
    + 'subnets in one zone, every task is in that zone, and a zone failure stops the service however many tasks it runs. '
    + 'ECS spreads tasks across zones only when the subnets span several.',
  flags: 'A service whose `NetworkConfiguration.AwsvpcConfiguration.Subnets` are in fewer than two zones.',
  defaults: 'A service without `NetworkConfiguration` (bridge or host network mode) runs where its cluster\'s instances are, which the '
    + 'Auto Scaling group rules judge; it is not judged here.',
  remediation: 'Give the service subnets in at least two Availability Zones (CDK: `vpcSubnets` selecting one subnet per zone, the default '
    + 'for a multi-AZ VPC).',
  references: [WA.REL10_BP01],
  evaluate(r, ctx) {
    if (!r.has('NetworkConfiguration')) return notApplicable('not in awsvpc network mode');
    const placement = placementOf(r, ctx, [{ subnets: AWSVPC_SUBNETS }]);
    if (!placement) return notApplicable('no awsvpc subnets');
    if ('undecided' in placement) return unknown(placement.property, `${placement.undecided}, so the zones of service ${r.logicalId} are decided at deploy time.`);
    if ('allZones' in placement) return PASS;
    return decideSpread(placement.spread, placement.property, `ECS service ${r.logicalId}`,
      'a zone failure stops every task of the service.');
  },
};

/** Whether a failing rolling deployment is detected and stopped: the circuit breaker or deployment alarms. */
function failureDetection(r: Resource): Outcome {
  const breaker = r.bool('DeploymentConfiguration.DeploymentCircuitBreaker.Enable', false);
  if (!breaker.known) return undecided('DeploymentConfiguration.DeploymentCircuitBreaker.Enable', breaker);
  if (breaker.value) return PASS;
  const alarms = r.bool('DeploymentConfiguration.Alarms.Enable', false);
  if (!alarms.known) return undecided('DeploymentConfiguration.Alarms.Enable', alarms);
  if (alarms.value) return PASS;
  return fail('DeploymentConfiguration.DeploymentCircuitBreaker', `ECS service ${r.logicalId} has no deployment circuit breaker or deployment alarms: `
    + 'a release whose tasks fail is not stopped and rolled back automatically.');
}

/** Whether a deployment keeps at least two tasks of a replica service of two or more running; undefined when that does not apply. */
function redundancyDuringDeployment(r: Resource): Outcome | undefined {
  const strategy = r.str('SchedulingStrategy', 'REPLICA');
  const desired = r.num('DesiredCount', 1);
  if (!strategy.known || strategy.value.toUpperCase() !== 'REPLICA' || !desired.known || desired.value < 2) return undefined;
  const minimum = r.num('DeploymentConfiguration.MinimumHealthyPercent', 100);
  if (!minimum.known) return undecided('DeploymentConfiguration.MinimumHealthyPercent', minimum);
  const kept = Math.ceil(desired.value * minimum.value / 100);
  if (kept >= 2) return PASS;
  return fail('DeploymentConfiguration.MinimumHealthyPercent', `ECS service ${r.logicalId} runs ${desired.value} tasks with MinimumHealthyPercent `
    + `${minimum.value}: a deployment may keep only ${kept} task${kept === 1 ? '' : 's'} running, so the service loses its redundancy while it deploys.`);
}

/** Whether a blue/green, linear or canary deployment is watched by alarms that roll it back (the circuit breaker does not apply to them). */
function alarmRollback(r: Resource, strategy: string): Outcome {
  const alarms = r.bool('DeploymentConfiguration.Alarms.Enable', false);
  if (!alarms.known) return undecided('DeploymentConfiguration.Alarms.Enable', alarms);
  const rollback = r.bool('DeploymentConfiguration.Alarms.Rollback', false);
  if (!rollback.known) return undecided('DeploymentConfiguration.Alarms.Rollback', rollback);
  if (alarms.value && rollback.value) return PASS;
  return fail('DeploymentConfiguration.Alarms', `ECS service ${r.logicalId} deploys with the ${strategy} strategy without deployment alarms that roll back: `
    + 'the circuit breaker does not watch these deployments, so a version that fails after the traffic shift is left in place.');
}

export const ECS_SAFE_DEPLOYMENTS: Rule = {
  id: 'HA-ECS3',
  title: 'ECS deployment can break the service without rolling back',
  severity: Severity.INFO,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::ECS::Service'],
  explanation:
    'A deployment replaces tasks with the new version. In a rolling deployment without the deployment circuit breaker (or deployment '
    + 'alarms), a version whose tasks never become healthy keeps ECS retrying, and a version that starts but fails leaves the service '
    + 'broken until someone redeploys. With a minimum healthy percent below 100 on a two-task service, a deployment may stop one of '
    + 'the two tasks first, leaving a single task in a single zone while it runs. Blue/green, linear and canary deployments keep the old '
    + 'version running while traffic moves, but the circuit breaker does not watch them: only deployment alarms roll them back.',
  flags: 'A service of the `ECS` deployment controller: with the rolling strategy (`DeploymentConfiguration.Strategy` absent or `ROLLING`), '
    + '`DeploymentCircuitBreaker.Enable` absent or false and no enabled deployment alarms, or a replica service of two or more tasks '
    + 'whose `MinimumHealthyPercent` keeps fewer than two running; with `BLUE_GREEN`, `LINEAR` or `CANARY`, deployment alarms absent, '
    + 'disabled or without `Rollback`.',
  defaults: '`DeploymentController.Type` defaults to `ECS` and `DeploymentConfiguration.Strategy` to `ROLLING`; the circuit breaker is '
    + 'off by default and applies to rolling deployments only; `MinimumHealthyPercent` defaults to 100 for replica services (CDK writes '
    + '50 unless `minHealthyPercent` is set). ECS rounds the minimum healthy count up.',
  remediation: 'Rolling: turn on the circuit breaker with rollback (`DeploymentCircuitBreaker: { Enable: true, Rollback: true }`; CDK: '
    + '`circuitBreaker: { rollback: true }`) or deployment alarms, and set `MinimumHealthyPercent: 100` (CDK: `minHealthyPercent: 100`) '
    + 'so deployments add new tasks before stopping old ones. Blue/green, linear and canary: set `DeploymentConfiguration.Alarms` '
    + '`{ AlarmNames: [...], Enable: true, Rollback: true }` with alarms on the new version\'s errors and latency (CDK: `deploymentAlarms`).',
  references: [
    { label: 'How the Amazon ECS deployment circuit breaker detects failures', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html' },
    { label: 'Amazon ECS blue/green deployments', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html' },
    WA.REL08_BP05,
    WA.REL11_BP05,
  ],
  evaluate(r) {
    const controller = r.str('DeploymentController.Type', 'ECS');
    if (!controller.known) return undecided('DeploymentController.Type', controller);
    if (controller.value.toUpperCase() !== 'ECS') return notApplicable(`deployments are run by ${controller.value}`);
    const strategy = r.str('DeploymentConfiguration.Strategy', 'ROLLING');
    if (!strategy.known) return undecided('DeploymentConfiguration.Strategy', strategy);
    if (strategy.value.toUpperCase() !== 'ROLLING') return alarmRollback(r, strategy.value.toUpperCase());
    const outcomes = [failureDetection(r)];
    const redundancy = redundancyDuringDeployment(r);
    if (redundancy) outcomes.push(redundancy);
    return outcomes;
  },
};

export const ECS_ZONE_REBALANCING: Rule = {
  id: 'HA-ECS4',
  title: 'ECS service does not rebalance its tasks across zones',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::ECS::Service'],
  explanation:
    'After a zone failure, ECS starts the lost tasks in the zones that are left. With Availability Zone rebalancing off, they stay there '
    + 'when the zone comes back: the service runs unbalanced, and the next failure of a crowded zone takes more than its share of the '
    + 'tasks. Rebalancing moves tasks back, one at a time, without a deployment.',
  flags: 'A replica service with `AvailabilityZoneRebalancing: DISABLED`.',
  defaults: 'ECS turns rebalancing on for new services that do not set it; an existing service that never set it keeps it off, so '
    + 'an absent value is not flagged.',
  remediation: 'Set `AvailabilityZoneRebalancing: ENABLED` (CDK: `availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED`).',
  raisedBy: 'availability',
  references: [
    { label: 'Balancing an Amazon ECS service across Availability Zones', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html' },
    WA.REL10_BP01,
    WA.REL11_BP05,
  ],
  evaluate(r) {
    const strategy = r.str('SchedulingStrategy', 'REPLICA');
    if (strategy.known && strategy.value.toUpperCase() === 'DAEMON') return notApplicable('a daemon service runs one task per instance');
    const rebalancing = r.str('AvailabilityZoneRebalancing', 'ENABLED');
    if (!rebalancing.known) return undecided('AvailabilityZoneRebalancing', rebalancing);
    if (rebalancing.value.toUpperCase() !== 'DISABLED') return PASS;
    return fail('AvailabilityZoneRebalancing', `ECS service ${r.logicalId} has Availability Zone rebalancing off: after a zone failure its tasks `
      + 'stay crowded in the other zones, and the next failure of one of them takes more than its share of the service.');
  },
};

/** Every ECS rule; register these in the rule index. */
export const ECS_RULES: readonly Rule[] = [ECS_TASK_COUNT, ECS_MULTI_AZ, ECS_SAFE_DEPLOYMENTS, ECS_ZONE_REBALANCING];
