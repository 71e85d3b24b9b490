import type { JsonObject } from '../../../src/checks/model/json';
import type { Rule } from '../../../src/checks/rules/rule';

/** One scenario: a template and the resource the rule is judged on. */
export interface RuleCase {
  readonly template: JsonObject;
  /** The resource judged; omitted for not-applicable cases where the rule has nothing to read. */
  readonly target?: string;
  /** Text the finding's message must contain (non-compliant and unknown cases). */
  readonly message?: RegExp;
  /** The severity a non-compliant finding must have, when it differs from the rule's default. */
  readonly severity?: string;
  /** The Region of the template's stack, for rules that compare Regions. */
  readonly region?: string;
  /** Other stacks of the same workload, by name (with their Regions), for rules that read across stacks. */
  readonly others?: Record<string, { readonly template: JsonObject; readonly region?: string }>;
}

/** The four kinds of cases every rule is tested on. */
export interface RuleCases {
  readonly rule: Rule;
  readonly compliant: Record<string, RuleCase>;
  readonly nonCompliant: Record<string, RuleCase>;
  readonly unknown: Record<string, RuleCase>;
  readonly notApplicable: Record<string, RuleCase>;
}
