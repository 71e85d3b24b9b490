import { isObject, Json, JsonObject } from './json';
import { nameInMessage } from './names';
import type { NestedIn, Resource, TemplateModel } from './template-model';
import { evaluate, getAttParts, intrinsicName, linkedResources, LinkResult } from './values';

/** A stack of a workload, and where it is nested, if it is. */
export interface WorkloadStack {
  readonly model: TemplateModel;
  readonly nestedIn?: NestedIn;
}

/** A value some stack of the workload makes available to others: an export, or an SSM parameter it writes. */
interface Published {
  readonly model: TemplateModel;
  readonly raw: Json;
  /** The Region the value is published in, when known. */
  readonly region?: string;
}

const NESTED_STACK = 'AWS::CloudFormation::Stack';
const EXPORT_READER = 'Custom::CrossRegionExportReader';
const EXPORT_WRITER = 'Custom::CrossRegionExportWriter';
const SSM_PARAMETER_TYPE = /^AWS::SSM::Parameter::Value<.*>$/;
const SSM_DYNAMIC_REFERENCE = /^\{\{resolve:ssm:([^:}]+)(?::\d+)?\}\}$/;

/**
 * The unit of checking and of assessment: the stacks of one cloud assembly or Stage (nested stacks
 * included), of one folder of templates, or one template alone. Within it, values that one stack
 * takes from another are resolved: a nested stack's parameters from what its parent passes, a
 * nested stack's outputs from its template, imports from the stack that exports them, and CDK's
 * cross-Region references from the stack that writes them. Lookups (which alarms watch a resource,
 * which backup selections select it) see every stack of the workload.
 */
export class Workload {
  public readonly stacks: readonly TemplateModel[];
  private readonly nestedByParent = new Map<TemplateModel, Map<string, TemplateModel>>();
  private readonly ids = new Map<TemplateModel, number>();
  private exportIndex?: Map<string, Published[]>;
  private parameterIndex?: Map<string, Published[]>;
  private indexing = false;
  private readonly byType = new Map<string, Resource[]>();
  private readonly referrerIndex = new Map<string, Map<Resource, Resource[]>>();

  constructor(public readonly name: string, stacks: readonly WorkloadStack[]) {
    this.stacks = stacks.map(s => s.model);
    stacks.forEach((s, i) => {
      this.ids.set(s.model, i);
      s.model.joinWorkload(this, s.nestedIn);
      if (s.nestedIn) {
        let children = this.nestedByParent.get(s.nestedIn.parent);
        if (!children) this.nestedByParent.set(s.nestedIn.parent, children = new Map());
        children.set(s.nestedIn.logicalId, s.model);
      }
    });
  }

  /** The nested stack that a parent's `AWS::CloudFormation::Stack` resource creates, when it is in the workload. */
  public nestedStack(parent: TemplateModel, logicalId: string): TemplateModel | undefined {
    return this.nestedByParent.get(parent)?.get(logicalId);
  }

  /** The resources of one type in every stack of the workload. */
  public ofType(type: string): readonly Resource[] {
    let list = this.byType.get(type);
    if (!list) this.byType.set(type, list = this.stacks.flatMap(m => [...m.ofType(type)]));
    return list;
  }

  /**
   * The resources of one type whose given property refers to each resource of the workload, in any
   * of its stacks: for example the alarms that watch a database, by the database. Built once per
   * type and property.
   */
  public referrers(type: string, property: string): ReadonlyMap<Resource, Resource[]> {
    const key = `${type}|${property}`;
    let index = this.referrerIndex.get(key);
    if (!index) {
      index = new Map();
      for (const r of this.ofType(type)) {
        for (const link of linkedResources(r.properties[property], r.model)) {
          const target = link.model.resource(link.logicalId);
          if (!target) continue;
          const list = index.get(target);
          if (!list) index.set(target, [r]);
          else if (!list.includes(r)) list.push(r);
        }
      }
      this.referrerIndex.set(key, index);
    }
    return index;
  }

  /** The zone of a subnet imported by ID, as any stack of the workload records it. */
  public subnetZone(subnetId: string): string | undefined {
    for (const m of this.stacks) {
      const zone = m.subnetZones.get(subnetId);
      if (zone) return zone;
    }
    return undefined;
  }

  /**
   * Where a value of one of the workload's templates comes from in another: undefined when the
   * value is not such a link, else the linked value or why it cannot be found.
   */
  public link(raw: JsonObject | string, model: TemplateModel): LinkResult | undefined {
    if (this.indexing) return undefined;
    if (typeof raw === 'string') return this.linkDynamicReference(raw, model);
    const fn = intrinsicName(raw);
    if (fn === 'Ref') return this.linkParameter(raw.Ref, model);
    if (fn === 'Fn::ImportValue') return this.linkImport(raw['Fn::ImportValue'], model);
    if (fn === 'Fn::GetAtt') return this.linkAttribute(raw['Fn::GetAtt'], model);
    return undefined;
  }

  private key(model: TemplateModel, what: string): string {
    return `${this.ids.get(model) ?? -1}:${what}`;
  }

  private linkParameter(name: Json, model: TemplateModel): LinkResult | undefined {
    if (typeof name !== 'string') return undefined;
    const parameter = model.parameter(name);
    if (!parameter) return undefined;
    const nestedIn = model.nestedIn;
    if (nestedIn) {
      const resource = nestedIn.parent.resource(nestedIn.logicalId);
      const passed = resource?.properties.Parameters;
      if (passed !== undefined && !isObject(passed)) {
        return { unresolved: `the parameter ${nameInMessage(name)}, which the parent stack passes as a value decided at deploy time` };
      }
      if (isObject(passed) && intrinsicName(passed) === undefined && passed[name] !== undefined) {
        return { raw: passed[name], model: nestedIn.parent, key: this.key(model, `parameter:${name}`) };
      }
      if (isObject(passed) && intrinsicName(passed) !== undefined) {
        return { unresolved: `the parameter ${nameInMessage(name)}, which the parent stack passes as a value decided at deploy time` };
      }
      // A parameter the parent does not pass takes its default.
      if (parameter.Default !== undefined) return { raw: parameter.Default, model, key: this.key(model, `default:${name}`) };
      return { unresolved: `the parameter ${nameInMessage(name)}, which the parent stack does not pass` };
    }
    const type = parameter.Type;
    if (typeof type === 'string' && SSM_PARAMETER_TYPE.test(type) && typeof parameter.Default === 'string') {
      return this.linkSsm(parameter.Default, model);
    }
    return undefined;
  }

  private linkImport(nameRaw: Json, model: TemplateModel): LinkResult | undefined {
    const name = evaluate(nameRaw, model);
    if (name.kind !== 'literal' || typeof name.value !== 'string') {
      return this.stacks.length > 1 ? { unresolved: 'a value imported from another stack under a name decided at deploy time' } : undefined;
    }
    const exporters = this.published(this.exports(), name.value, model);
    if (exporters.length === 1) return { raw: exporters[0].raw, model: exporters[0].model, key: this.key(exporters[0].model, `export:${name.value}`) };
    if (exporters.length > 1) {
      return { unresolved: `a value imported from another stack (export ${nameInMessage(name.value)}), which several stacks of the workload export` };
    }
    return this.stacks.length > 1
      ? { unresolved: `a value imported from another stack (export ${nameInMessage(name.value)}), which no stack of the workload exports` }
      : undefined;
  }

  private linkAttribute(arg: Json, model: TemplateModel): LinkResult | undefined {
    const [logicalId, attribute] = getAttParts(arg);
    if (typeof logicalId !== 'string' || typeof attribute !== 'string') return undefined;
    const resource = model.resource(logicalId);
    if (resource?.type === NESTED_STACK && attribute.startsWith('Outputs.')) {
      const output = attribute.slice('Outputs.'.length);
      const nested = this.nestedStack(model, logicalId);
      if (!nested) return { unresolved: `the output ${nameInMessage(output)} of nested stack ${logicalId}, whose template is not among the inputs` };
      const entry = nested.outputs[output];
      if (!isObject(entry) || entry.Value === undefined) {
        return { unresolved: `the output ${nameInMessage(output)} of nested stack ${logicalId}, which its template does not define` };
      }
      return { raw: entry.Value, model: nested, key: this.key(nested, `output:${output}`) };
    }
    if (resource?.type === EXPORT_READER) return this.linkSsm(attribute, model);
    return undefined;
  }

  private linkDynamicReference(text: string, model: TemplateModel): LinkResult | undefined {
    const m = SSM_DYNAMIC_REFERENCE.exec(text);
    return m ? this.linkSsm(m[1], model) : undefined;
  }

  /** A value read from an SSM parameter that a stack of the workload writes (CDK's cross-Region references). */
  private linkSsm(name: string, model: TemplateModel): LinkResult | undefined {
    const writers = this.published(this.ssmParameters(), name, model);
    if (writers.length === 1) return { raw: writers[0].raw, model: writers[0].model, key: this.key(writers[0].model, `ssm:${name}`) };
    if (writers.length > 1) return { unresolved: `the SSM parameter ${nameInMessage(name)}, which several stacks of the workload write` };
    return this.stacks.length > 1 ? { unresolved: `the SSM parameter ${nameInMessage(name)}, which no stack of the workload writes` } : undefined;
  }

  /** What is published under a name for a reader: in its Region, when both Regions are known. */
  private published(index: Map<string, Published[]>, name: string, reader: TemplateModel): Published[] {
    return (index.get(name) ?? []).filter(p => p.model !== reader
      && (p.region === undefined || reader.region === undefined || p.region === reader.region));
  }

  /** Outputs with an export name, by name. */
  private exports(): Map<string, Published[]> {
    return this.exportIndex ??= this.index(add => {
      for (const model of this.stacks) {
        for (const output of Object.values(model.outputs)) {
          if (!isObject(output) || !isObject(output.Export) || output.Value === undefined) continue;
          const name = evaluate(output.Export.Name, model);
          if (name.kind === 'literal' && typeof name.value === 'string') add(name.value, { model, raw: output.Value, region: model.region });
        }
      }
    });
  }

  /** SSM parameters the stacks write: `AWS::SSM::Parameter` resources and CDK's cross-Region export writers. */
  private ssmParameters(): Map<string, Published[]> {
    return this.parameterIndex ??= this.index(add => {
      for (const model of this.stacks) {
        for (const p of model.ofType('AWS::SSM::Parameter')) {
          const name = evaluate(p.properties.Name, model);
          if (name.kind === 'literal' && typeof name.value === 'string' && p.properties.Value !== undefined) {
            add(name.value, { model, raw: p.properties.Value, region: model.region });
          }
        }
        for (const writer of model.ofType(EXPORT_WRITER)) {
          const props = writer.properties.WriterProps;
          if (!isObject(props) || !isObject(props.exports)) continue;
          const region = typeof props.region === 'string' ? props.region : undefined;
          for (const [name, raw] of Object.entries(props.exports)) add(name, { model, raw, region });
        }
      }
    });
  }

  /** Builds an index by name; links are not followed while it is built (names are read as they are written). */
  private index(fill: (add: (name: string, p: Published) => void) => void): Map<string, Published[]> {
    const index = new Map<string, Published[]>();
    this.indexing = true;
    try {
      fill((name, p) => {
        const list = index.get(name);
        if (list) list.push(p);
        else index.set(name, [p]);
      });
    } finally {
      this.indexing = false;
    }
    return index;
  }
}
