import * as path from 'path';
import { CfnElement, CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { METADATA_KEY } from '../acknowledgements';
import { isObject, JsonObject } from '../model/json';
import { displayPath } from '../report/paths';

/** The L1 resources of a stack and the zones of the imported subnets below it. */
export interface StackResources {
  readonly resources: CfnResource[];
  readonly subnetZones: ReadonlyMap<string, string>;
}

/** Finds a stack's L1 resources (not those of nested stacks or stages) and its imported subnets' zones. */
export function resourcesOf(stack: Stack): StackResources {
  const subnetZones = new Map<string, string>();
  const resources = [...elementsOf(stack, subnetZones)].filter((e): e is CfnResource => CfnResource.isCfnResource(e));
  return { resources, subnetZones };
}

/**
 * Calls `fn` with the stack's template when synthesis renders it, before the template is written
 * and before the stack's annotations are collected into the cloud assembly, and with the logical
 * ID of each resource. The checks then read the very template synthesis writes, instead of
 * rendering every resource a second time. Logical IDs are remembered while the stack renders (see
 * `withLogicalIdsRemembered`), so each resource's ID is known afterwards without deriving it again.
 * Returns a function that takes the call back if the stack has not rendered yet.
 */
export function whenRendered(stack: Stack, fn: (template: JsonObject, logicalIdOf: (resource: CfnResource) => string) => void): () => void {
  const render = (stack as any)._toCloudFormation;
  if (typeof render !== 'function') {
    throw new Error(`cdk-ha: cannot read the template of ${stack.node.path} from this version of aws-cdk-lib; use HaValidationPlugin or \`cdk-ha check\` instead`);
  }
  const own = Object.getOwnPropertyDescriptor(stack, '_toCloudFormation');
  const restore = () => {
    if (own) Object.defineProperty(stack, '_toCloudFormation', own);
    else delete (stack as any)._toCloudFormation;
  };
  const hook = function rendered(this: Stack): JsonObject {
    restore();
    let derived: ReadonlyMap<CfnElement, string> = new Map();
    const template = withLogicalIdsRemembered(stack, known => {
      derived = known;
      return render.call(this) as JsonObject;
    });
    const resources = isObject(template?.Resources) ? template.Resources : {};
    fn(template, resource => {
      // An element whose logical ID was overridden keeps its override, not the derived ID.
      const id = derived.get(resource);
      const entry = id === undefined ? undefined : resources[id];
      return isObject(entry) && entry.Type === resource.cfnResourceType ? id! : stack.resolve(resource.logicalId);
    });
    return template;
  };
  Object.defineProperty(stack, '_toCloudFormation', { configurable: true, writable: true, value: hook });
  return () => {
    if (Object.getOwnPropertyDescriptor(stack, '_toCloudFormation')?.value === hook) restore();
  };
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

/**
 * Runs `fn` with the stack's logical IDs remembered, and gives it what is remembered. CDK derives a
 * logical ID afresh (an MD5 hash of the construct path) each time a reference to it resolves.
 * Nothing renames elements while a stack renders, so the IDs cannot change; the stack's own method
 * is back in place when `fn` returns.
 */
export function withLogicalIdsRemembered<T>(stack: Stack, fn: (known: ReadonlyMap<CfnElement, string>) => T): T {
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
    return fn(known);
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
