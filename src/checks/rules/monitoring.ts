import { targetGroupsOf } from './load-balancing';
import { isObject, Json } from '../model/json';
import type { Resource, TemplateModel } from '../model/template-model';
import { describeUndecided, evaluate, intrinsicName, linkedResources } from '../model/values';
import type { Workload } from '../model/workload';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, RuleContext, undecided, unknown, WA } from './rule';

const ALARM = 'AWS::CloudWatch::Alarm';

/** An unknown outcome for a value that is not decided: set at deploy time, or not set and without a documented default. */
function notDecided(r: Resource, path: string, known: { readonly reason: string }): Outcome {
  return r.has(path)
    ? unknown(path, `${path} is ${known.reason}, so this can only be decided at deploy time.`)
    : unknown(path, `${path} is not set and has no documented default, so this cannot be decided from the template.`);
}

/** The alarm properties that name what an alarm watches. */
const WATCHED = ['Dimensions', 'Metrics'] as const;

/**
 * How a name reads for matching: a literal name (lower case, as RDS stores identifiers) or, for a
 * name decided at deploy time, the expression itself (`{"Ref":"DBName"}`), which matches the same
 * expression in an alarm's dimension.
 */
function nameKey(raw: Json | undefined, model: TemplateModel): { key: string; decided: boolean } | undefined {
  const value = evaluate(raw, model);
  if (value.kind === 'absent' || value.kind === 'reference') return undefined;
  if (value.kind === 'literal') return typeof value.value === 'string' ? { key: `name:${value.value.toLowerCase()}`, decided: true } : undefined;
  return { key: `expr:${JSON.stringify(raw)}`, decided: false };
}

/** The dimension values of an alarm that are names, not references to resources of the template. */
function dimensionNames(alarm: Resource): { key: string; decided: boolean }[] {
  const names: { key: string; decided: boolean }[] = [];
  const visit = (raw: Json | undefined): void => {
    if (Array.isArray(raw)) {
      raw.forEach(visit);
      return;
    }
    if (!isObject(raw)) return;
    if ('Value' in raw && 'Name' in raw) {
      const key = nameKey(raw.Value, alarm.model);
      if (key) names.push(key);
    }
    Object.values(raw).forEach(visit);
  };
  for (const property of WATCHED) visit(alarm.properties[property]);
  return names;
}

/**
 * Whether an alarm of the workload (in any of its stacks) watches any of these resources, by reference
 * or by name: yes, no, or undecided when an alarm names a resource by a deploy-time value and the
 * resource has a custom name.
 */
function watchedBy(watched: Iterable<Resource>, names: readonly (string | undefined)[], ctx: RuleContext): true | false | { undecided: string } {
  for (const r of watched) {
    for (const property of WATCHED) if (r.model.topology.referrers(ALARM, property, r.logicalId).length) return true;
  }
  const wanted = new Set(names.filter((n): n is string => n !== undefined));
  if (wanted.size === 0) return false;
  let open: string | undefined;
  for (const alarm of ctx.model.workload.ofType(ALARM)) {
    for (const name of dimensionNames(alarm)) {
      if (wanted.has(name.key)) return true;
      if (!name.decided) open ??= `alarm ${alarm.logicalId} names what it watches by a value decided at deploy time`;
    }
  }
  return open ? { undecided: open } : false;
}

/** The name key of a resource's custom name property, if it has one. */
function nameOf(r: Resource, property: string): string | undefined {
  return nameKey(r.properties[property], r.model)?.key;
}

/** The raw value at a dotted path, without evaluating intrinsics on the way (for relating resources). */
function rawAt(root: Json | undefined, path: string): Json | undefined {
  let current = root;
  for (const step of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[step];
  }
  return current;
}

/** Where other resources name the queue that receives what they failed to process. */
const DEAD_LETTER_PATHS: readonly (readonly [string, string])[] = [
  ['AWS::SQS::Queue', 'RedrivePolicy'],
  ['AWS::SNS::Subscription', 'RedrivePolicy'],
  ['AWS::Lambda::Function', 'DeadLetterConfig'],
  ['AWS::Lambda::EventInvokeConfig', 'DestinationConfig.OnFailure'],
  ['AWS::Lambda::EventSourceMapping', 'DestinationConfig.OnFailure'],
  ['AWS::Scheduler::Schedule', 'Target.DeadLetterConfig'],
];

const deadLetterIndex = new WeakMap<Workload, Map<Resource, Resource[]>>();

/** What uses an SQS queue as a dead-letter queue or failure destination, if anything in the workload does. */
function deadLetterUsers(queue: Resource): Resource[] {
  const { workload } = queue.model;
  let index = deadLetterIndex.get(workload);
  if (!index) deadLetterIndex.set(workload, index = indexDeadLetterUsers(workload));
  return index.get(queue) ?? [];
}

/** The users of every dead-letter queue of a workload, found in one pass over the resources that can name one. */
function indexDeadLetterUsers(workload: Workload): Map<Resource, Resource[]> {
  const index = new Map<Resource, Resource[]>();
  const add = (raw: Json | undefined, user: Resource) => {
    for (const link of linkedResources(raw, user.model)) {
      const queue = link.model.resource(link.logicalId);
      if (queue?.type !== 'AWS::SQS::Queue' || queue === user) continue;
      const users = index.get(queue);
      if (!users) index.set(queue, [user]);
      else if (!users.includes(user)) users.push(user);
    }
  };
  for (const [type, path] of DEAD_LETTER_PATHS) {
    for (const user of workload.ofType(type)) add(rawAt(user.properties, path), user);
  }
  for (const rule of workload.ofType('AWS::Events::Rule')) {
    const targets = rule.properties.Targets;
    if (Array.isArray(targets)) for (const t of targets) if (isObject(t)) add(t.DeadLetterConfig, rule);
  }
  return index;
}

/** The resources an alarm on this critical resource may name instead of it, and what it is; or why it is not judged. */
function watchedAs(r: Resource, ctx: RuleContext):
{ watched: Resource[]; names: (string | undefined)[]; what: string; detail?: string; consequence: string } | { skip: Outcome } {
  switch (r.type) {
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const listeners = ctx.topology.referrers('AWS::ElasticLoadBalancingV2::Listener', 'LoadBalancerArn', r.logicalId);
      const watched = new Set([r, ...listeners, ...targetGroupsOf(r)]);
      const type = r.str('Type', 'application');
      const http = !type.known || type.value === 'application';
      return {
        watched: [...watched],
        names: [],
        what: type.known && type.value !== 'application' ? `${type.value} load balancer` : 'load balancer',
        consequence: http ? 'unhealthy targets or a surge of 5XX errors go unnoticed until users report them'
          : 'unhealthy targets go unnoticed until the last one fails and connections are refused',
      };
    }
    case 'AWS::ElasticLoadBalancing::LoadBalancer':
      return {
        watched: [r],
        names: [nameOf(r, 'LoadBalancerName')],
        what: 'Classic Load Balancer',
        consequence: 'unhealthy instances or a surge of 5XX errors go unnoticed until users report them',
      };
    case 'AWS::RDS::DBInstance':
      if (r.has('DBClusterIdentifier')) return { skip: notApplicable('a cluster member: the cluster is judged') };
      return {
        watched: [r],
        names: [nameOf(r, 'DBInstanceIdentifier')],
        what: 'DB instance',
        consequence: 'a failover, storage running out or CPU saturation goes unnoticed until the application fails',
      };
    case 'AWS::RDS::DBCluster':
    case 'AWS::DocDB::DBCluster':
    case 'AWS::Neptune::DBCluster': {
      const members = ctx.topology.clusterMembers(r).members;
      return {
        watched: [r, ...members],
        names: [nameOf(r, 'DBClusterIdentifier'), ...members.map(m => nameOf(m, 'DBInstanceIdentifier'))],
        what: 'DB cluster',
        consequence: 'a failover, replica lag or CPU saturation goes unnoticed until the application fails',
      };
    }
    case 'AWS::SQS::Queue': {
      const users = deadLetterUsers(r);
      if (users.length === 0) return { skip: notApplicable('not a dead-letter queue') };
      return {
        watched: [r],
        names: [nameOf(r, 'QueueName')],
        what: 'dead-letter queue',
        detail: ` (of ${users.map(u => u.logicalId).join(', ')})`,
        consequence: 'messages that failed processing pile up unnoticed until their retention period deletes them',
      };
    }
    default:
      return { skip: notApplicable(`not a resource type this rule watches (${r.type})`) };
  }
}

export const ALARM_CRITICAL_RESOURCES: Rule = {
  id: 'HA-ALARM1',
  title: 'Critical resource has no CloudWatch alarm',
  severity: Severity.WARNING,
  category: RuleCategory.MONITORING,
  resourceTypes: [
    'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer',
    'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster',
    'AWS::SQS::Queue',
  ],
  explanation:
    'Redundancy hides failures: a load balancer keeps answering while targets fail one by one, a database fails over and '
    + 'runs degraded, a dead-letter queue fills quietly. Without an alarm nobody learns of it until the last redundant '
    + 'component goes too. This rule watches only the resources whose failure is an outage or data loss for the whole '
    + 'workload: the entry point (load balancers), the databases, and the dead-letter queues that hold failed work.',
  flags: 'A load balancer (alarm on it or on a target group of its listeners), a database instance outside a cluster or a DB cluster '
    + '(alarm on it or a member), or an SQS queue used as a dead-letter queue or failure destination, that no `AWS::CloudWatch::Alarm` '
    + 'in any stack of the workload watches through its `Dimensions` or `Metrics`.',
  defaults: 'Alarms are matched by reference (Ref, Fn::GetAtt, Fn::Sub, and across the stacks of the workload through imports, '
    + 'nested stack parameters and outputs) or by a literal name in a dimension. Alarms kept outside the app are not seen: acknowledge '
    + 'the finding. Functions, tables and instances are not judged: most apps have many, '
    + 'and their failures surface through the entry point and the dead-letter queues.',
  remediation: 'Add an `AWS::CloudWatch::Alarm` that notifies someone: target group `UnHealthyHostCount` or load balancer '
    + '`HTTPCode_ELB_5XX_Count` (CDK: `targetGroup.metrics.unhealthyHostCount().createAlarm(...)`), database `CPUUtilization`, '
    + '`FreeStorageSpace` or `DatabaseConnections` (CDK: `instance.metricCPUUtilization().createAlarm(...)`), dead-letter queue '
    + '`ApproximateNumberOfMessagesVisible` > 0 (CDK: `queue.metricApproximateNumberOfMessagesVisible().createAlarm(...)`).',
  raisedBy: 'availability',
  references: [configRule('cloudwatch-alarm-resource-check'), WA.REL06_BP01, WA.REL11_BP01],
  evaluate(r, ctx) {
    const watched = watchedAs(r, ctx);
    if ('skip' in watched) return watched.skip;
    const watching = watchedBy(watched.watched, watched.names, ctx);
    if (watching === true) return PASS;
    if (watching !== false) return unknown(undefined, `Whether an alarm watches ${watched.what} ${r.logicalId} is decided at deploy time: ${watching.undecided}.`);
    return fail(undefined, `No CloudWatch alarm in the workload watches ${watched.what} ${r.logicalId}${watched.detail ?? ''}: ${watched.consequence}.`);
  },
};

/** Resource types and properties that use an alarm without actions of its own (composite alarms, rollbacks, health checks). */
const ALARM_USERS: readonly (readonly [string, string])[] = [
  ['AWS::CloudWatch::CompositeAlarm', 'AlarmRule'],
  ['AWS::CodeDeploy::DeploymentGroup', 'AlarmConfiguration'],
  ['AWS::ECS::Service', 'DeploymentConfiguration'],
  ['AWS::Route53::HealthCheck', 'HealthCheckConfig'],
  ['AWS::AppConfig::Environment', 'Monitors'],
  ['AWS::FIS::ExperimentTemplate', 'StopConditions'],
  ['AWS::ARCZonalShift::ZonalAutoshiftConfiguration', 'PracticeRunConfiguration'],
];

/** What uses an alarm without needing actions on it, if anything does. */
function alarmUser(alarm: Resource, ctx: RuleContext): Resource | undefined {
  const name = alarm.str('AlarmName');
  for (const [type, property] of ALARM_USERS) {
    const byRef = ctx.topology.referrers(type, property, alarm.logicalId)[0];
    if (byRef) return byRef;
    if (name.known) {
      const byName = ctx.model.workload.ofType(type).find(u => JSON.stringify(u.properties[property] ?? null).includes(name.value));
      if (byName) return byName;
    }
  }
  return undefined;
}

const ACTIONS = ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const;

/**
 * Whether a raw list of actions (or one action) certainly holds an action, certainly holds none, or
 * depends on a condition. Both branches of an undecided `Fn::If` are followed; a value from a parameter
 * or an import is an action.
 */
function presence(raw: Json | undefined, ctx: RuleContext, isList: boolean): 'yes' | 'no' | 'maybe' {
  const value = evaluate(raw, ctx.model);
  if (value.kind === 'absent') return 'no';
  if (value.kind === 'reference') return 'yes';
  if (value.kind === 'literal') {
    if (!isList) return value.value === '' || value.value === null ? 'no' : 'yes';
    const items = Array.isArray(value.value) ? value.value : [value.value];
    const each = items.map(item => presence(item, ctx, false));
    return each.includes('yes') ? 'yes' : each.includes('maybe') ? 'maybe' : 'no';
  }
  if (intrinsicName(raw) === 'Fn::If') {
    const branches = (raw as { 'Fn::If': Json[] })['Fn::If'];
    if (Array.isArray(branches) && branches.length === 3) {
      const [a, b] = [presence(branches[1], ctx, isList), presence(branches[2], ctx, isList)];
      return a === b ? a : 'maybe';
    }
    return 'maybe';
  }
  // A parameter, an import or another deploy-time value: an ARN given from outside, or a list of them.
  return isList ? 'maybe' : 'yes';
}

export const ALARM_ACTIONS: Rule = {
  id: 'HA-ALARM2',
  title: 'CloudWatch alarm notifies no one and triggers nothing',
  severity: Severity.WARNING,
  category: RuleCategory.MONITORING,
  resourceTypes: [ALARM],
  explanation:
    'An alarm without actions, or with its actions disabled, changes state in the console and nowhere else: no notification, '
    + 'no scaling, no recovery. The failure it was written to catch goes unnoticed.',
  flags: 'An alarm with `ActionsEnabled: false`, or whose `AlarmActions`, `OKActions` and `InsufficientDataActions` are all absent or empty, '
    + 'unless a composite alarm, a CodeDeploy deployment group, an ECS deployment, a Route 53 health check, an AppConfig environment, '
    + 'a fault injection experiment (stop condition) or a zonal autoshift practice run (outcome or blocking alarm) uses it.',
  defaults: '`ActionsEnabled` defaults to true; the action lists default to empty.',
  remediation: 'Add an action to `AlarmActions` (and usually `OKActions`), such as an SNS topic that pages the team, a scaling policy or an '
    + 'EC2 recover action (CDK: `alarm.addAlarmAction(new SnsAction(topic))`), and leave `ActionsEnabled` on.',
  raisedBy: 'availability',
  references: [configRule('cloudwatch-alarm-action-check'), configRule('cloudwatch-alarm-action-enabled-check'), WA.REL06_BP03, WA.REL11_BP06],
  evaluate(r, ctx) {
    const enabled = r.bool('ActionsEnabled', true);
    if (!enabled.known) return undecided('ActionsEnabled', enabled);
    const user = alarmUser(r, ctx);
    if (user) return PASS;
    if (!enabled.value) {
      return fail('ActionsEnabled', `Alarm ${r.logicalId} has ActionsEnabled false: when it fires, nothing happens and no one is told.`);
    }
    let undecidedAction: string | undefined;
    for (const property of ACTIONS) {
      const present = presence(r.properties[property], ctx, true);
      if (present === 'yes') return PASS;
      if (present === 'maybe') undecidedAction ??= `${property} depends on ${describeUndecided(r.value(property))}`;
    }
    if (undecidedAction) return unknown(undefined, `Whether alarm ${r.logicalId} has an action is decided at deploy time: ${undecidedAction}.`);
    return fail('AlarmActions', `Alarm ${r.logicalId} has no alarm, OK or insufficient-data actions: when it fires, nothing happens and no one is told.`);
  },
};

export const ALARM_HEALTH_CHECK: Rule = {
  id: 'HA-ALARM3',
  title: 'Route 53 health check has no CloudWatch alarm',
  severity: Severity.INFO,
  category: RuleCategory.MONITORING,
  resourceTypes: ['AWS::Route53::HealthCheck'],
  explanation:
    'Route 53 fails DNS over when a health check turns unhealthy, but tells no one. Without an alarm on the health check\'s '
    + '`HealthCheckStatus`, the workload can run on its secondary for days, or the primary can flap, before anyone notices.',
  flags: 'A health check that no `AWS::CloudWatch::Alarm` in any stack of the workload watches (dimension `HealthCheckId`), unless it '
    + 'is itself based on an alarm (`CLOUDWATCH_METRIC`) or is a child of a calculated health check.',
  defaults: 'Route 53 publishes health check metrics in us-east-1 only, so the alarm must be created there: a stack in another Region '
    + 'keeps it in a us-east-1 stack of the same app, which this rule sees through the cross-stack reference.',
  remediation: 'Add an `AWS::CloudWatch::Alarm` in us-east-1 on `AWS/Route53` `HealthCheckStatus` (dimension `HealthCheckId`) below 1, '
    + 'with an SNS action (CDK: `new cloudwatch.Alarm(..., { metric: new cloudwatch.Metric({ namespace: \'AWS/Route53\', '
    + 'metricName: \'HealthCheckStatus\', dimensionsMap: { HealthCheckId: healthCheck.attrHealthCheckId } }) })`).',
  references: [
    { label: 'Monitoring health check status and getting notifications', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-monitor-view-status.html' },
    WA.REL11_BP01,
    WA.REL11_BP06,
  ],
  evaluate(r, ctx) {
    const type = r.str('HealthCheckConfig.Type');
    if (!type.known) return notDecided(r, 'HealthCheckConfig.Type', type);
    if (type.value === 'CLOUDWATCH_METRIC') return notApplicable('follows a CloudWatch alarm');
    const parent = ctx.topology.referrers('AWS::Route53::HealthCheck', 'HealthCheckConfig', r.logicalId).find(p => p !== r);
    if (parent) return notApplicable(`a child of calculated health check ${parent.logicalId}`);
    if (watchedBy([r], [], ctx) === true) return PASS;
    return fail(undefined, `No CloudWatch alarm in the workload watches health check ${r.logicalId}: when it turns unhealthy, `
      + 'Route 53 fails over (or stops answering) without anyone being told.');
  },
};

/** Every CloudWatch alarm rule; register these in the rule index. */
export const ALARM_RULES: readonly Rule[] = [ALARM_CRITICAL_RESOURCES, ALARM_ACTIONS, ALARM_HEALTH_CHECK];
