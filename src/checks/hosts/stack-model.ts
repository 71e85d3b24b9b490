import * as path from 'path';
import { CfnElement, CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { METADATA_KEY } from '../acknowledgements';
import { isObject, Json, JsonObject } from '../model/json';
import { ResourceRecord, TemplateModel } from '../model/template-model';
import { displayPath } from '../report/paths';

/** The model of a CDK stack and the L1 resource behind each logical ID. */
export interface StackModel {
  readonly model: TemplateModel;
  readonly resources: ReadonlyMap<string, CfnResource>;
}

/**
 * Builds the model of a stack from its constructs, the way synthesis renders them (property
 * overrides and escape hatches included). Each resource is resolved on first read, so resources
 * that no rule reads cost nothing. Call it after `prepareApp`, e.g. from a validation, so that
 * cross-stack references are already in place.
 */
export function modelFromStack(stack: Stack): StackModel {
  const records: ResourceRecord[] = [];
  const resources = new Map<string, CfnResource>();
  const sections: Record<'Parameters' | 'Mappings' | 'Conditions', JsonObject> = { Parameters: {}, Mappings: {}, Conditions: {} };
  const subnetZones = new Map<string, string>();
  const elements = [...elementsOf(stack, subnetZones)];
  // One resolution for all logical IDs costs less than one per resource.
  const logicalIds = stack.resolve(elements.map(e => e.logicalId)) as string[];
  elements.forEach((element, i) => {
    if (CfnResource.isCfnResource(element)) {
      resources.set(logicalIds[i], element);
      records.push(lazyRecord(stack, element, logicalIds[i]));
    } else {
      const rendered = stack.resolve((element as any)._toCloudFormation()) as JsonObject;
      for (const key of Object.keys(sections) as (keyof typeof sections)[]) {
        if (isObject(rendered?.[key])) Object.assign(sections[key], rendered[key]);
      }
    }
  });
  const model = new TemplateModel({
    stackName: stack.node.path,
    templatePath: templatePathOf(stack),
    resources: records,
    parameters: sections.Parameters,
    mappings: sections.Mappings,
    conditions: sections.Conditions,
    subnetZones,
  });
  return { model, resources };
}

/**
 * The CloudFormation elements of this stack in construct order, not those of nested stacks or
 * stages; on the way, the zones of imported subnets, which only the construct tree knows.
 */
function* elementsOf(stack: Stack, subnetZones: Map<string, string>): Generator<CfnElement> {
  const pending: IConstruct[] = [...stack.node.children].reverse();
  while (pending.length) {
    const c = pending.pop()!;
    if (Stack.isStack(c) || Stage.isStage(c)) continue;
    if (CfnElement.isCfnElement(c)) yield c;
    else recordImportedSubnet(c, subnetZones);
    for (let i = c.node.children.length - 1; i >= 0; i--) pending.push(c.node.children[i]);
  }
}

/** An imported subnet (`ec2.ISubnet` with a literal ID and zone) is recorded by ID. */
function recordImportedSubnet(c: IConstruct, subnetZones: Map<string, string>): void {
  const subnet = c as Partial<{ subnetId: unknown; availabilityZone: unknown }>;
  if (typeof subnet.subnetId !== 'string' || Token.isUnresolved(subnet.subnetId)) return;
  let zone: unknown;
  try {
    zone = subnet.availabilityZone; // throws for subnets imported without their zone
  } catch {
    return;
  }
  if (typeof zone === 'string' && zone !== '' && !Token.isUnresolved(zone)) subnetZones.set(subnet.subnetId, zone);
}

/**
 * Records what the construct tree knows and the template does not (the zones of imported subnets)
 * in the stack's template Metadata, so that the validation plugin and `cdk-ha check` of cdk.out
 * see it too.
 */
export function recordSubnetZones(stack: Stack, subnetZones: ReadonlyMap<string, string>): void {
  if (subnetZones.size === 0) return;
  const metadata = stack.templateOptions.metadata ?? {};
  const block = isObject(metadata[METADATA_KEY]) ? metadata[METADATA_KEY] : {};
  stack.templateOptions.metadata = {
    ...metadata,
    [METADATA_KEY]: { ...block, subnetZones: Object.fromEntries([...subnetZones].sort(([a], [b]) => a.localeCompare(b))) },
  };
}

function lazyRecord(stack: Stack, resource: CfnResource, logicalId: string): ResourceRecord {
  let rendered: JsonObject | undefined;
  const render = (): JsonObject => {
    if (!rendered) {
      const template = stack.resolve((resource as any)._toCloudFormation()) as JsonObject;
      rendered = (isObject(template?.Resources) && isObject(template.Resources[logicalId]) ? template.Resources[logicalId] : {}) as JsonObject;
    }
    return rendered;
  };
  return {
    logicalId,
    type: resource.cfnResourceType,
    constructPath: resource.node.path,
    get properties() { const p = render().Properties; return isObject(p) ? p : {}; },
    get metadata() { const m = render().Metadata; return isObject(m) ? m : undefined; },
    get condition() { const c = render().Condition; return typeof c === 'string' ? c : undefined; },
    get deletionPolicy() { return render().DeletionPolicy as Json | undefined; },
    get updateReplacePolicy() { return render().UpdateReplacePolicy as Json | undefined; },
  };
}

/**
 * Runs `fn` with the stack's logical IDs remembered. CDK derives a logical ID afresh (an MD5 hash of
 * the construct path) each time a reference to it resolves, which made up a fifth of the checks'
 * time on big apps. Nothing renames elements while the checks run, so the IDs cannot change; the
 * stack's own method is back in place when `fn` returns.
 */
export function withLogicalIdsRemembered<T>(stack: Stack, fn: () => T): T {
  const own = Object.getOwnPropertyDescriptor(stack, 'getLogicalId');
  const derive = stack.getLogicalId;
  const known = new Map<CfnElement, string>();
  const remembered = (element: CfnElement): string => {
    let id = known.get(element);
    if (id === undefined) known.set(element, id = derive.call(stack, element));
    return id;
  };
  Object.defineProperty(stack, 'getLogicalId', { value: remembered, configurable: true, writable: true });
  try {
    return fn();
  } finally {
    if (own) Object.defineProperty(stack, 'getLogicalId', own);
    else delete (stack as Partial<Stack>).getLogicalId;
  }
}

/** Where synthesis writes the stack's template. */
export function templatePathOf(stack: Stack): string {
  const stage = Stage.of(stack);
  return displayPath(stage ? path.join(stage.outdir, stack.templateFile) : stack.templateFile);
}
