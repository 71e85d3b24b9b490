import { RuleCategory, Severity } from '../types';
import { fail, notApplicable, PASS, Rule, undecided, unknown, WA } from './rule';

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
