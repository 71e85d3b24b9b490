import { Annotations, CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ACKNOWLEDGED_RULES_METADATA, METADATA_KEY, ruleOfAcknowledgementId, rulesAcknowledgedBy } from '../acknowledgements';
import { isObject } from '../model/json';

/**
 * CDK's own ways to acknowledge a finding, made to reach every host and report:
 *
 * - `Validations.of(scope).acknowledge({ id: 'cdk-ha::HA-RDS1', reason })` (the plugin's violation
 *   name) and `{ id: 'Annotation::@cdk-ha/checks:HA-RDS1', reason }` (the hint `cdk synth` prints
 *   under the aspect's warnings) record the rule and the reason in the construct's
 *   `aws:cdk:acknowledged-rules` metadata, which the stack's cloud assembly metadata keeps;
 * - `Annotations.of(scope).acknowledgeWarning('@cdk-ha/checks:HA-RDS1', reason)` keeps no reason in
 *   CDK: once cdk-ha is loaded, the same metadata is recorded for the aspect's IDs, with the reason.
 *
 * The aspect copies these acknowledgements into the CloudFormation Metadata of the resources they
 * cover, as `HaChecks.acknowledge` does; the plugin and the command line also read them from the
 * cloud assembly's metadata.
 */
const PATCHED = Symbol.for('cdk-ha.acknowledgeWarning');

function recordingAcknowledgements(method: 'acknowledgeWarning' | 'acknowledgeInfo'): void {
  const proto = Annotations.prototype as any;
  const original = proto[method];
  if (typeof original !== 'function' || original[PATCHED]) return;
  const recording = function (this: { scope?: IConstruct }, id: string, message?: string) {
    if (ruleOfAcknowledgementId(id) && this.scope) {
      this.scope.node.addMetadata(ACKNOWLEDGED_RULES_METADATA, { [id]: message ?? '' });
    }
    return original.call(this, id, message);
  };
  Object.defineProperty(recording, PATCHED, { value: true });
  proto[method] = recording;
}
recordingAcknowledgements('acknowledgeWarning');
recordingAcknowledgements('acknowledgeInfo');

/**
 * The rules acknowledged with CDK's own forms on a construct or on any construct above it (a parent
 * stack reaches its nested stacks; an App or Stage reaches every stack below it), with their reasons;
 * the nearest acknowledgement of a rule wins. `cache` holds what each scope contributes.
 */
export function nativeAcknowledgementsOf(construct: IConstruct, cache: Map<IConstruct, ReadonlyMap<string, string>>): Map<string, string> {
  const result = new Map<string, string>();
  for (const scope of [...construct.node.scopes].reverse()) {
    let own = cache.get(scope);
    if (!own) {
      const rules = new Map<string, string>();
      for (const entry of scope.node.metadata) {
        if (entry.type === ACKNOWLEDGED_RULES_METADATA) rulesAcknowledgedBy(entry.data, rules);
      }
      cache.set(scope, own = rules);
    }
    for (const [rule, reason] of own) if (!result.has(rule)) result.set(rule, reason);
  }
  return result;
}

/**
 * Copies the acknowledgements made with CDK's own forms into a resource's CloudFormation Metadata,
 * beside those of `HaChecks.acknowledge` (which win for the same rule), so that every host reads them.
 */
export function recordNativeAcknowledgements(resource: CfnResource, acknowledged: ReadonlyMap<string, string>): void {
  if (acknowledged.size === 0) return;
  const block = resource.getMetadata(METADATA_KEY);
  const existing = isObject(block) && Array.isArray(block.acknowledged) ? block.acknowledged : [];
  const ids = new Set(existing.map((e: any) => e?.id));
  // CDK asks no minimum length of a reason: these entries say where they come from, and count whatever their length.
  const added = [...acknowledged].filter(([rule]) => !ids.has(rule))
    .map(([id, reason]) => ({ id, reason: reason.trim() || 'acknowledged without a reason', via: 'cdk' }));
  if (added.length === 0) return;
  resource.addMetadata(METADATA_KEY, { ...(isObject(block) ? block : {}), acknowledged: [...existing, ...added] });
}
