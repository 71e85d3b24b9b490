import { isObject } from './model/json';
import type { Resource } from './model/template-model';

/** The key under a resource's CloudFormation `Metadata` where acknowledgements are recorded. */
export const METADATA_KEY = 'cdk-ha';

/** Acknowledgements need a reason with at least this many visible characters. */
export const MIN_REASON_LENGTH = 10;

/**
 * The length of a text as it shows: control and format characters (the zero-width space and
 * joiners, bidirectional marks) and the letters that render blank do not count, and each run of
 * spaces counts as one, between words only.
 */
export function visibleLength(text: string): number {
  const shown = text.replace(/[\p{Cc}\p{Cf}\u115f\u1160\u2800\u3164\uffa0]/gu, '').replace(/[\s\p{Z}]+/gu, ' ').trim();
  return [...shown].length;
}

/** One acknowledged rule on one resource. */
export interface Acknowledgement {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * The acknowledgements of a resource: those recorded in its CloudFormation Metadata
 * (`{ "cdk-ha": { "acknowledged": [ { "id": "HA-RDS1", "reason": "..." } ] } }`, written by
 * `HaChecks.acknowledge` and by the aspect for CDK's own forms), and those a cloud assembly's metadata
 * records for its construct or a construct above it in its stack (CDK's `Validations.acknowledge`,
 * `Annotations.acknowledgeWarning`). Metadata entries without a rule ID or a long enough reason are ignored.
 */
export function acknowledgementsOf(resource: Resource): Map<string, string> {
  // What CDK's own acknowledgements record for the resource's construct (in a cloud assembly's metadata)...
  const result = new Map(resource.model.nativeAcknowledgements(resource));
  // ...and, nearer, what is recorded on the resource itself.
  const block = resource.metadata?.[METADATA_KEY];
  const list = isObject(block) ? block.acknowledged : undefined;
  if (!Array.isArray(list)) return result;
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const { id, reason, via } = entry;
    // An acknowledgement made with CDK's own forms (`via: cdk`) keeps whatever reason CDK accepted.
    if (typeof id === 'string' && typeof reason === 'string' && (via === 'cdk' || visibleLength(reason) >= MIN_REASON_LENGTH)) {
      result.set(id, reason);
    }
  }
  return result;
}

/**
 * The construct metadata under which CDK records acknowledgements with their reasons
 * (`Validations.of(scope).acknowledge({ id, reason })`; `Validations.ACKNOWLEDGED_RULES_METADATA_KEY`).
 */
export const ACKNOWLEDGED_RULES_METADATA = 'aws:cdk:acknowledged-rules';

/** The prefix of the aspect's annotation IDs: `@cdk-ha/checks:HA-RDS1`. */
export const ANNOTATION_ID_PREFIX = '@cdk-ha/checks:';

/** The name of the validation plugin, which prefixes its violations' IDs: `cdk-ha::HA-RDS1`. */
export const PLUGIN_NAME = 'cdk-ha';

/**
 * The rule that an acknowledgement ID of CDK's own forms names: the plugin's `cdk-ha::HA-RDS1`, the
 * aspect's annotation `@cdk-ha/checks:HA-RDS1`, or that annotation as CDK's validation report
 * names it, `Annotation::@cdk-ha/checks:HA-RDS1`. Undefined for any other ID.
 */
export function ruleOfAcknowledgementId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const m = /^(?:cdk-ha::|(?:Annotation::)?@cdk-ha\/checks:)(HA-[A-Z0-9]+)$/.exec(id);
  return m?.[1];
}

/**
 * The rules acknowledged by one `aws:cdk:acknowledged-rules` metadata entry (`{ "<id>": "<reason>" }`),
 * with their reasons, added to `rules` (those of earlier entries); entries of other tools are left out.
 */
export function rulesAcknowledgedBy(data: unknown, rules: Map<string, string> = new Map()): Map<string, string> {
  if (!isObject(data)) return rules;
  for (const [id, reason] of Object.entries(data)) {
    const rule = ruleOfAcknowledgementId(id);
    const text = typeof reason === 'string' ? reason : '';
    // A reason is not lost to a later acknowledgement of the same rule without one: aws-cdk-lib
    // before 2.258 follows `Validations.acknowledge` with an `acknowledgeWarning` that has none.
    if (rule && (text.trim() || !rules.get(rule)?.trim())) rules.set(rule, text);
  }
  return rules;
}
