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
 * The acknowledgements recorded on a resource, from its CloudFormation Metadata:
 * `{ "cdk-ha": { "acknowledged": [ { "id": "HA-RDS1", "reason": "..." } ] } }`.
 * Entries without a rule ID or a reason with enough visible characters are ignored.
 */
export function acknowledgementsOf(resource: Resource): Map<string, string> {
  const result = new Map<string, string>();
  const block = resource.metadata?.[METADATA_KEY];
  const list = isObject(block) ? block.acknowledged : undefined;
  if (!Array.isArray(list)) return result;
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const { id, reason } = entry;
    if (typeof id === 'string' && typeof reason === 'string' && visibleLength(reason) >= MIN_REASON_LENGTH) {
      result.set(id, reason);
    }
  }
  return result;
}
