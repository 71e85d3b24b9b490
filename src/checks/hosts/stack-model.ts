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
  const resources = [...elementsOf(stack, c => recordImportedSubnet(c, subnetZones))]
    .filter((e): e is CfnElement & CfnResource => CfnResource.isCfnResource(e));
  return { resources, subnetZones };
}

/** A stack's template as synthesis renders it, and the logical ID of each of its resources. */
export interface RenderedStack {
  readonly template: JsonObject;
  readonly logicalIdOf: (resource: CfnResource) => string;
  /** The elements the template was rendered from. */
  readonly elements: ReadonlySet<CfnElement>;
}

/** Thrown when this aws-cdk-lib cannot render a stack's template for the checks. */
export class RenderError extends Error {}

/**
 * Renders a stack's template as synthesis does (after every aspect, with cross-stack references
 * prepared), with the logical ID of each resource. Logical IDs are remembered while the stack renders
 * (see `withLogicalIdsRemembered`), so each resource's ID is known afterwards without deriving it again.
 * `render` is the stack's own rendering, as `renderer` finds it.
 */
export function renderStack(stack: Stack, render: () => JsonObject): RenderedStack {
  let derived: ReadonlyMap<CfnElement, string> = new Map();
  const elements = new Set(elementsOf(stack));
  const template = withLogicalIdsRemembered(stack, known => {
    derived = known;
    return render();
  });
  const resources = isObject(template?.Resources) ? template.Resources : {};
  return {
    template,
    elements,
    logicalIdOf: resource => {
      // An element whose logical ID was overridden keeps its override, not the derived ID.
      const id = derived.get(resource);
      const entry = id === undefined ? undefined : resources[id];
      return isObject(entry) && entry.Type === resource.cfnResourceType ? id! : stack.resolve(resource.logicalId);
    },
  };
}

/**
 * The function that renders a stack's template (`Stack._toCloudFormation`, internal to aws-cdk-lib
 * and stable across its 2.x versions), bound to the stack. Throws a `RenderError` that says what to
 * use instead when this version of aws-cdk-lib has none.
 */
export function renderer(stack: Stack): () => JsonObject {
  const render = (stack as any)._toCloudFormation;
  if (typeof render !== 'function') {
    throw new RenderError(`cdk-ha cannot render the template of ${stack.node.path} with this version of aws-cdk-lib `
      + '(Stack._toCloudFormation is missing), so the HaChecks aspect cannot check it: use HaValidationPlugin or `cdk-ha check cdk.out` instead.');
  }
  return () => render.call(stack) as JsonObject;
}

/**
 * The template of a stack rendered earlier, brought up to date with the elements added since (the
 * bootstrap version parameter and rule that the stack synthesizer adds just before it renders the
 * template): each new element's fragment is rendered and merged in, as the stack itself merges them.
 * Undefined when that cannot be done safely (an element was removed, a fragment collides): render
 * the whole template again then.
 */
export function updatedTemplate(stack: Stack, rendered: RenderedStack): JsonObject | undefined {
  const now = [...elementsOf(stack)];
  if ([...rendered.elements].some(e => !now.includes(e))) return undefined;
  const added = now.filter(e => !rendered.elements.has(e));
  if (added.length === 0) return rendered.template;
  const template: JsonObject = { ...rendered.template };
  for (const element of added) {
    const render = (element as any)._toCloudFormation;
    if (typeof render !== 'function') return undefined;
    const fragment = stack.resolve(render.call(element));
    if (!isObject(fragment)) return undefined;
    for (const [section, entries] of Object.entries(fragment)) {
      const existing = template[section];
      if (existing === undefined) {
        template[section] = entries;
        continue;
      }
      if (!isObject(existing) || !isObject(entries)) return undefined;
      const merged: JsonObject = { ...existing };
      for (const [key, value] of Object.entries(entries)) {
        if (key in merged) return undefined;
        merged[key] = value;
      }
      template[section] = merged;
    }
  }
  return template;
}

/**
 * Intercepts the next rendering of a stack's template: `onRender` is called with the rendering
 * function and returns the template synthesis writes. The interception removes itself on that call,
 * leaving in place any wrapper another library installed after it; if a later caller still reaches
 * it through such a wrapper, it renders normally. Returns a function that takes the interception
 * back, or undefined when the stack's rendering cannot be intercepted (a property that cannot be
 * redefined): the caller then does without.
 */
export function interceptRender(stack: Stack, onRender: (render: () => JsonObject) => JsonObject): (() => void) | undefined {
  const original = (stack as any)._toCloudFormation;
  if (typeof original !== 'function') return undefined;
  const own = Object.getOwnPropertyDescriptor(stack, '_toCloudFormation');
  let used = false;
  const restore = () => {
    if (Object.getOwnPropertyDescriptor(stack, '_toCloudFormation')?.value !== hook) return; // someone wrapped it since: leave theirs
    if (own) Object.defineProperty(stack, '_toCloudFormation', own);
    else delete (stack as any)._toCloudFormation;
  };
  const hook = function rendered(this: Stack): JsonObject {
    const render = () => original.call(this) as JsonObject;
    if (used) return render();
    used = true;
    restore();
    return onRender(render);
  };
  try {
    Object.defineProperty(stack, '_toCloudFormation', { configurable: true, writable: true, value: hook });
  } catch {
    return undefined;
  }
  return () => { used = true; restore(); };
}

/**
 * The CloudFormation elements of this stack in construct order, not those of nested stacks or
 * stages; `other` sees every other construct on the way.
 */
function* elementsOf(stack: Stack, other?: (c: IConstruct) => void): Generator<CfnElement> {
  const pending: IConstruct[] = [...stack.node.children].reverse();
  while (pending.length) {
    const c = pending.pop()!;
    if (Stack.isStack(c) || Stage.isStage(c)) continue;
    if (CfnElement.isCfnElement(c)) yield c;
    else other?.(c);
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

/** Where synthesis writes the stack's template, as reports show it. */
export function templatePathOf(stack: Stack): string {
  return displayPath(absoluteTemplatePathOf(stack));
}

/** Where synthesis writes the stack's template, as an absolute path. */
export function absoluteTemplatePathOf(stack: Stack): string {
  const stage = Stage.of(stack);
  return path.resolve(stage ? path.join(stage.outdir, stack.templateFile) : stack.templateFile);
}
