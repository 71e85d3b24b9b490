import { isObject, Json, JsonObject } from './json';
import { TopologyIndex } from './topology';
import { asBoolean, asList, asNumber, asString, evaluateCondition, Known, LinkResult, Value, valueAt } from './values';
import { Workload } from './workload';
import type { Objectives } from '../objectives/objectives';

/** One resource as the model receives it; `properties` may be computed on first read. */
export interface ResourceRecord {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: JsonObject;
  readonly metadata?: JsonObject;
  readonly condition?: string;
  readonly deletionPolicy?: Json;
  readonly updateReplacePolicy?: Json;
  /** The CDK construct path, when known. */
  readonly constructPath?: string;
  /** The 1-based line of the resource in its template file, when known. */
  readonly line?: number;
}

/** Where a template came from and what it holds besides resources. */
export interface TemplateModelProps {
  /** The stack's display name (a CDK construct path for CDK stacks, else the file's base name). */
  readonly stackName: string;
  /** The template file (as given, or where CDK writes it). */
  readonly templatePath: string;
  readonly resources: ResourceRecord[];
  readonly parameters?: JsonObject;
  readonly mappings?: JsonObject;
  readonly conditions?: JsonObject;
  readonly outputs?: JsonObject;
  /**
   * The Region the stack deploys to, when the template's source says (a cloud assembly's manifest,
   * a CDK stack with an explicit `env`).
   * @default - not known
   */
  readonly region?: string;
  /** The resilience objectives the template declares (in its `cdk-ha` Metadata), if any. */
  readonly objectives?: Objectives;
  /**
   * Zones of subnets that are not in the template (imported by ID), by subnet ID: the CDK app
   * knows them (`Vpc.fromLookup`, `Vpc.fromVpcAttributes`), the template does not.
   */
  readonly subnetZones?: ReadonlyMap<string, string>;
  /**
   * The rules acknowledged with CDK's own forms for a construct path (on the construct or above it),
   * with their reasons, as a cloud assembly's metadata records them; the path is asked for only when
   * the stack records any acknowledgement.
   * @default - none
   */
  readonly acknowledgementsAt?: (constructPath: () => string | undefined) => ReadonlyMap<string, string>;
}

/** A resource of a template, with typed access to its property values. */
export class Resource {
  constructor(public readonly model: TemplateModel, private readonly record: ResourceRecord) {}

  public get logicalId(): string { return this.record.logicalId; }
  public get type(): string { return this.record.type; }
  public get properties(): JsonObject { return this.record.properties; }
  public get metadata(): JsonObject | undefined { return this.record.metadata; }
  public get constructPath(): string | undefined { return this.record.constructPath; }
  public get line(): number | undefined { return this.record.line; }
  public get condition(): string | undefined { return this.record.condition; }
  public get deletionPolicy(): Json | undefined { return this.record.deletionPolicy; }
  public get updateReplacePolicy(): Json | undefined { return this.record.updateReplacePolicy; }

  /** The value at a dotted property path such as `'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled'`. */
  public value(path: string): Value {
    return valueAt(this.record.properties, path, this.model);
  }

  public bool(path: string, defaultValue: boolean): Known<boolean> { return asBoolean(this.value(path), defaultValue); }
  public num(path: string, defaultValue?: number): Known<number> { return asNumber(this.value(path), defaultValue); }
  public str(path: string, defaultValue?: string): Known<string> { return asString(this.value(path), defaultValue); }
  public list(path: string): Known<Json[]> { return asList(this.value(path)); }
  public has(path: string): boolean { return this.value(path).kind !== 'absent'; }
}

/** A nested stack's place in its parent: the parent's template and the `AWS::CloudFormation::Stack` resource that creates it. */
export interface NestedIn {
  readonly parent: TemplateModel;
  readonly logicalId: string;
}

/** One CloudFormation template (one stack) as data, indexed by logical ID and by type. */
export class TemplateModel {
  public readonly stackName: string;
  public readonly templatePath: string;
  /** The Region the stack deploys to, when known. */
  public readonly region?: string;
  /** The template's Outputs section. */
  public readonly outputs: JsonObject;
  /** The resilience objectives the template declares, if any. */
  public readonly objectives?: Objectives;
  /** Zones of imported subnets, by subnet ID. */
  public readonly subnetZones: ReadonlyMap<string, string>;
  private readonly byId = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  private readonly parameters: JsonObject;
  private readonly mappings: JsonObject;
  private readonly conditions: JsonObject;
  private topologyIndex?: TopologyIndex;
  private readonly conditionValues = new Map<string, boolean | undefined | 'evaluating'>();
  private workloadOf?: Workload;
  private nestedInOf?: NestedIn;
  private readonly acknowledgementsAt?: (constructPath: () => string | undefined) => ReadonlyMap<string, string>;

  constructor(props: TemplateModelProps) {
    this.stackName = props.stackName;
    this.templatePath = props.templatePath;
    this.region = props.region;
    this.outputs = props.outputs ?? {};
    this.objectives = props.objectives;
    this.subnetZones = props.subnetZones ?? new Map();
    this.acknowledgementsAt = props.acknowledgementsAt;
    this.parameters = props.parameters ?? {};
    this.mappings = props.mappings ?? {};
    this.conditions = props.conditions ?? {};
    for (const record of props.resources) {
      const resource = new Resource(this, record);
      this.byId.set(record.logicalId, resource);
      let list = this.byType.get(record.type);
      if (!list) this.byType.set(record.type, list = []);
      list.push(resource);
    }
  }

  /** Number of resources in the template. */
  public get resourceCount(): number { return this.byId.size; }

  public resource(logicalId: string): Resource | undefined { return this.byId.get(logicalId); }
  public ofType(type: string): readonly Resource[] { return this.byType.get(type) ?? []; }
  public get resources(): IterableIterator<Resource> { return this.byId.values(); }

  /** Subnets, routes, memberships and other relations between resources: built on first use, once. */
  public get topology(): TopologyIndex {
    return this.topologyIndex ??= new TopologyIndex(this);
  }

  public hasResource(logicalId: string): boolean { return this.byId.has(logicalId); }
  // Names come from the template and may be anything, such as an object in a malformed `Ref`.
  public parameter(name: string): JsonObject | undefined {
    const p = typeof name === 'string' ? this.parameters[name] : undefined;
    return isObject(p) ? p : undefined;
  }
  public mapping(name: string): JsonObject | undefined {
    const m = typeof name === 'string' ? this.mappings[name] : undefined;
    return isObject(m) ? m : undefined;
  }
  public condition(name: string): Json | undefined { return typeof name === 'string' ? this.conditions[name] : undefined; }

  /**
   * The value of a named condition: true, false, or undefined when it depends on deploy-time values
   * (or refers to itself). Each condition is evaluated once, so chains of conditions cost linear time.
   */
  public conditionValue(name: string): boolean | undefined {
    if (typeof name !== 'string') return undefined;
    const known = this.conditionValues.get(name);
    if (known === 'evaluating') return undefined;
    if (known !== undefined || this.conditionValues.has(name)) return known;
    const body = this.condition(name);
    if (body === undefined) return undefined;
    this.conditionValues.set(name, 'evaluating');
    const value = evaluateCondition(body, this);
    this.conditionValues.set(name, value);
    return value;
  }

  /** The rules acknowledged for a resource with CDK's own forms, by its construct path, as the cloud assembly records them. */
  public nativeAcknowledgements(resource: Resource): ReadonlyMap<string, string> {
    // The construct path is asked for only when the stack records any acknowledgement.
    return this.acknowledgementsAt?.(() => resource.constructPath) ?? NO_ACKNOWLEDGEMENTS;
  }

  /** The workload this stack belongs to: the stacks checked with it, or the stack alone. */
  public get workload(): Workload {
    return this.workloadOf ??= new Workload(this.stackName, [{ model: this }]);
  }

  /** Where this stack sits in its parent, when it is a nested stack of the workload. */
  public get nestedIn(): NestedIn | undefined {
    return this.nestedInOf;
  }

  /** Joins a workload; called once, by the workload. */
  public joinWorkload(workload: Workload, nestedIn: NestedIn | undefined): void {
    if (this.workloadOf) throw new Error(`stack ${this.stackName} already belongs to workload ${this.workloadOf.name}`);
    this.workloadOf = workload;
    this.nestedInOf = nestedIn;
  }

  /**
   * Where a value of this template comes from in another template of the workload (a nested stack's
   * parameter, an import, a nested stack's output, a cross-Region reference), if it is such a value.
   */
  public link(raw: JsonObject | string): LinkResult | undefined {
    return this.workload.link(raw, this);
  }
}

const NO_ACKNOWLEDGEMENTS: ReadonlyMap<string, string> = new Map();

/** The resource a value refers to, in whichever template of the workload it is. */
export function resourceOf(value: Value): Resource | undefined {
  return value.kind === 'reference' ? value.model.resource(value.logicalId) : undefined;
}
