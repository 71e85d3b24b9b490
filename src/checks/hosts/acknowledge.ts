import { Annotations, AspectPriority, Aspects, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { METADATA_KEY, MIN_REASON_LENGTH, visibleLength } from '../acknowledgements';
import { isObject } from '../model/json';
import { closestRuleIds, findRule } from '../rules';
import { annotationId } from './reporting';

/**
 * Writes the acknowledgements made on one construct into the CloudFormation Metadata of every
 * L1 resource below it, so that every host (and a later `cdk-ha check` of cdk.out) honours them.
 * Runs as a mutating aspect: resources added after the acknowledgement are covered too.
 */
class AcknowledgementWriter implements IAspect {
  public readonly entries = new Map<string, string>();

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const block = node.getMetadata(METADATA_KEY);
    const existing = isObject(block) && Array.isArray(block.acknowledged) ? block.acknowledged : [];
    // Aspects of outer scopes run first: the acknowledgement nearest to the resource wins.
    const merged = existing.filter((e: any) => !this.entries.has(e?.id));
    for (const [id, reason] of this.entries) merged.push({ id, reason });
    node.addMetadata(METADATA_KEY, { ...(isObject(block) ? block : {}), acknowledged: merged });
  }
}

const WRITERS = new WeakMap<IConstruct, AcknowledgementWriter>();

/** Records an acknowledgement of one rule on a construct and everything below it, within its stack. */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  // The API is also called from Python, Java, .NET and Go, and from plain JavaScript: check every argument.
  if (!Construct.isConstruct(scope)) {
    throw new Error(`HaChecks.acknowledge: scope must be a construct (a stack or a construct inside one), not ${describe(scope)}; pass the construct whose finding is accepted.`);
  }
  const where = `HaChecks.acknowledge(${scope.node.path || '<app>'})`;
  if (typeof ruleId !== 'string') {
    throw new Error(`${where}: ruleId must be a cdk-ha rule ID such as 'HA-RDS1', not ${describe(ruleId)}; RULES.md lists them all.`);
  }
  if (!findRule(ruleId)) {
    throw new Error(`${where}: '${ruleId}' is not a cdk-ha rule ID (did you mean ${closestRuleIds(ruleId).join(', ')}? RULES.md lists them all).`);
  }
  if (typeof reason !== 'string' || visibleLength(reason) < MIN_REASON_LENGTH) {
    throw new Error(`${where}: the reason for acknowledging ${ruleId} must be at least ${MIN_REASON_LENGTH} characters`
      + ' that show (zero-width characters and repeated spaces do not count); say why the risk is accepted.');
  }
  if (!insideStack(scope)) {
    throw new Error(`${where}: acknowledge on a stack or a construct inside one; acknowledgements never cross stacks.`);
  }
  // CDK's own mechanism, for the annotations the HaChecks aspect shows.
  Annotations.of(scope).acknowledgeWarning(annotationId(ruleId), reason);
  Annotations.of(scope).acknowledgeInfo(annotationId(ruleId), reason);
  let writer = WRITERS.get(scope);
  if (!writer) {
    writer = new AcknowledgementWriter();
    WRITERS.set(scope, writer);
    Aspects.of(scope).add(writer, { priority: AspectPriority.MUTATING });
  }
  writer.entries.set(ruleId, reason.trim());
}

/** An argument for a message: its type, or a short rendering of a value. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 39)}…` : value}'`;
  return typeof value === 'object' ? `${Array.isArray(value) ? 'an array' : 'an object that is not a construct'}` : `a ${typeof value}`;
}

function insideStack(scope: IConstruct): boolean {
  return scope.node.scopes.some(s => Stack.isStack(s));
}
