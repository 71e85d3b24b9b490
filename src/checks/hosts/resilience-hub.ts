import { Annotations, AspectPriority, Aspects, Aws, IAspect, Lazy, Names, Stack, Stage, Token } from 'aws-cdk-lib';
import type * as hubv2 from 'aws-cdk-lib/aws-resiliencehubv2';
import { Construct, IConstruct } from 'constructs';
import { objectivesFor } from './objectives-record';
import { usageError } from '../../patterns/common/errors';
import { Objectives, RecoveryTargets } from '../objectives/objectives';

/** The first aws-cdk-lib with the L1s of AWS::ResilienceHubV2::Policy and AWS::ResilienceHubV2::Service. */
export const RESILIENCE_HUB_MIN_CDK_VERSION = '2.260.0';

/** The stack tag by which the Resilience Hub service finds the workload's stacks other than the one that holds it. */
export const RESILIENCE_HUB_TAG = 'cdk-ha:resilience-hub-service';

/** Names of Resilience Hub policies and services: 2 to 60 letters, digits, `-` and `_`, starting with a letter or digit. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,59}$/;

/** What `ResilienceObjectives.declare` passes on: the declaration's scope, its objectives and the user's options. */
export interface ResilienceHubRequest {
  readonly scope: IConstruct;
  readonly objectives: Objectives;
  readonly where: string;
  readonly stack?: Stack;
  readonly policyName?: string;
  readonly serviceName?: string;
  /** The function the user called, where error stack traces start. */
  readonly entry: Function;
}

/** The resources made for one declaration. */
export interface ResilienceHubResources {
  readonly policy: hubv2.CfnPolicy;
  readonly service: hubv2.CfnService;
}

/**
 * Creates the Resilience Hub policy that carries the declared objectives, and the service that
 * applies it to the workload's stacks, in the host stack. The L1s are loaded only here, so apps
 * that do not ask for them run on any supported aws-cdk-lib.
 */
export function addResilienceHub(request: ResilienceHubRequest): ResilienceHubResources {
  const { scope, where, entry } = request;
  const hub = loadResilienceHubModule(where, entry);
  const host = hostStack(request);
  if (host.node.tryFindChild('ResilienceHub')) {
    throw usageError(`${where}: the stack ${host.node.path} already holds the Resilience Hub resources of other objectives; ` +
      'pass another stack as resilienceHub.stack, or declare the objectives once', entry);
  }
  for (const [prop, name] of [['policyName', request.policyName], ['serviceName', request.serviceName]] as const) {
    if (name !== undefined && !Token.isUnresolved(name) && !NAME.test(name)) {
      throw usageError(`${where}: resilienceHub.${prop} must be 2 to 60 letters, digits, '-' and '_', starting with a letter or digit, not ${JSON.stringify(name)}`, entry);
    }
  }

  const container = new Construct(host, 'ResilienceHub');
  const targets = policyTargets(request.objectives);
  const described = `Resilience objectives of ${scope.node.path || 'the app'} (${request.objectives.source ?? 'declared in code'}), declared with cdk-ha`;
  // Descriptions take at most 615 characters.
  const description = (text: string) => (text.length > 615 ? `${text.slice(0, 614)}…` : text);
  const policy = new hub.CfnPolicy(container, 'Policy', {
    name: request.policyName ?? '',
    description: description(described),
    availabilitySlo: request.objectives.availabilityPercent === undefined ? undefined : { target: request.objectives.availabilityPercent },
    multiAz: targets.multiAz,
    multiRegion: targets.multiRegion,
  });
  policy.name = request.policyName ?? generatedName(policy);
  if (targets.rounded.length) {
    Annotations.of(policy).addWarningV2('@cdk-ha/objectives:resilienceHubWholeMinutes',
      `Resilience Hub takes whole minutes: ${targets.rounded.join(', ')}; the policy keeps the stricter whole minute below each.`);
  }

  const linked = new WorkloadStacks(scope, host, request.objectives);
  const service = new hub.CfnService(container, 'Service', {
    name: request.serviceName ?? '',
    description: description(`The stacks judged against the ${described.charAt(0).toLowerCase()}${described.slice(1)}`),
    policyArn: policy.attrPolicyArn,
    regions: Lazy.list({ produce: () => linked.regions() }),
    inputSources: Lazy.any({ produce: () => linked.inputSources(service.name) }),
  });
  service.name = request.serviceName ?? generatedName(service);
  service.node.addValidation({ validate: () => linked.problems(where, service.name) });
  // The other stacks carry a tag the service finds them by; a reference to their ARNs would tie the stacks' deployment order.
  Aspects.of(Stage.of(host) ?? host.node.root).add(new TagWorkloadStacks(linked, service.name), { priority: AspectPriority.MUTATING });
  return { policy, service };
}

/** The L1 module, or an error that says which aws-cdk-lib has it. */
function loadResilienceHubModule(where: string, entry: Function): typeof hubv2 {
  try {
    // Loaded on use: older aws-cdk-lib versions do not have it, and apps that do not use it should not pay for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('aws-cdk-lib/aws-resiliencehubv2');
  } catch {
    throw usageError(`${where}: resilienceHub needs aws-cdk-lib ${RESILIENCE_HUB_MIN_CDK_VERSION} or later, the first with the Resilience Hub ` +
      `resources AWS::ResilienceHubV2::Policy and AWS::ResilienceHubV2::Service; this app uses aws-cdk-lib ${cdkVersion()}. ` +
      'Upgrade aws-cdk-lib, or leave out resilienceHub (the objectives are still judged at synth).', entry);
  }
}

function cdkVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('aws-cdk-lib/package.json').version;
  } catch {
    return 'of an unknown version';
  }
}

/** The stack given, or the declaration's own stack; objectives declared on an App or a Stage need one given. */
function hostStack(request: ResilienceHubRequest): Stack {
  const { scope, where, entry, stack } = request;
  if (!Stack.isStack(scope) && !Stage.isStage(scope)) {
    throw usageError(`${where}: resilienceHub needs objectives declared on an App, a Stage or a Stack, not on a construct inside a stack; ` +
      'declare them on the stack', entry);
  }
  if (stack === undefined) {
    if (Stack.isStack(scope)) return scope;
    throw usageError(`${where}: resilienceHub.stack is required when objectives are declared on an App or a Stage: ` +
      'pass the stack of the workload that should hold the Resilience Hub policy and service', entry);
  }
  if (!stack.node.scopes.includes(scope)) {
    throw usageError(`${where}: resilienceHub.stack must be a stack below the scope of the objectives, not ${stack.node.path}`, entry);
  }
  return stack;
}

/** A name unique in the account, made from the stack's name and the construct's path. */
function generatedName(resource: IConstruct): string {
  return Names.uniqueResourceName(resource, { maxLength: 60, separator: '-', allowedSpecialCharacters: '-_' });
}

interface PolicyTargets {
  readonly multiAz?: hubv2.CfnPolicy.MultiAzTargetsProperty;
  readonly multiRegion?: hubv2.CfnPolicy.MultiRegionTargetsProperty;
  /** The objectives that were not whole minutes, for the warning. */
  readonly rounded: string[];
}

/** The zone and Region objectives in Resilience Hub's whole minutes. */
function policyTargets(objectives: Objectives): PolicyTargets {
  const rounded: string[] = [];
  const minutes = (seconds: number | undefined, label: string): number | undefined => {
    if (seconds === undefined) return undefined;
    const whole = Math.floor(seconds / 60);
    if (whole * 60 !== seconds) rounded.push(`${label} ${seconds} s is ${whole} min`);
    return whole;
  };
  const convert = (t: RecoveryTargets | undefined, label: string) => {
    if (!t || (t.rtoSeconds === undefined && t.rpoSeconds === undefined)) return undefined;
    return { rtoInMinutes: minutes(t.rtoSeconds, `${label} RTO`), rpoInMinutes: minutes(t.rpoSeconds, `${label} RPO`) };
  };
  return { multiAz: convert(objectives.az, 'zone failure'), multiRegion: convert(objectives.region, 'Region failure'), rounded };
}

/** The top-level stacks of the host's App or Stage that the declaration's objectives apply to. */
class WorkloadStacks {
  constructor(private readonly scope: IConstruct, private readonly host: Stack, private readonly objectives: Objectives) {}

  public all(): Stack[] {
    const root = Stage.of(this.host) ?? this.host.node.root;
    return root.node.findAll().filter((c): c is Stack => Stack.isStack(c) && !c.nested && Stage.of(c) === Stage.of(this.host)
      && c.node.scopes.includes(this.scope) && objectivesFor(c) === this.objectives);
  }

  /** The stacks the service finds by the tag. */
  public tagged(): Stack[] {
    return this.all().filter(s => s !== this.host);
  }

  /** The workload's Regions; a stack without a Region of its own deploys where the host stack does. */
  public regions(): string[] {
    return [...new Set(this.all().map(s => (Token.isUnresolved(s.region) ? this.host.region : s.region)))];
  }

  /** The host stack by its ARN, the others by the tag. */
  public inputSources(serviceName: string): hubv2.CfnService.InputSourceDefinitionProperty[] {
    const sources: hubv2.CfnService.InputSourceDefinitionProperty[] = [{ resourceConfiguration: { cfnStackArn: Aws.STACK_ID } }];
    if (this.tagged().length) sources.push({ resourceConfiguration: { resourceTags: [{ key: RESILIENCE_HUB_TAG, values: [serviceName] }] } });
    return sources;
  }

  public problems(where: string, serviceName: string): string[] {
    const problems: string[] = [];
    if (objectivesFor(this.host) !== this.objectives) {
      problems.push(`${where}: the stack ${this.host.node.path} that holds the Resilience Hub service is judged against other objectives, ` +
        'declared nearer to it; pass a stack these objectives apply to as resilienceHub.stack');
    }
    if (Token.isUnresolved(serviceName) && this.tagged().length) {
      problems.push(`${where}: resilienceHub.serviceName must be known at synth time: the workload's other stacks are tagged with it`);
    }
    return problems;
  }
}

/** Tags the workload's stacks, other than the host, with the service's name. */
class TagWorkloadStacks implements IAspect {
  /** Found once, when the first stack is visited: the app is complete by the time aspects run. */
  private tagged?: Stack[];

  constructor(private readonly stacks: WorkloadStacks, private readonly serviceName: string) {}

  public visit(node: IConstruct): void {
    if (!Stack.isStack(node)) return;
    this.tagged ??= this.stacks.tagged();
    if (this.tagged.includes(node)) node.tags.setTag(RESILIENCE_HUB_TAG, this.serviceName);
  }
}
