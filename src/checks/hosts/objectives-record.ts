import { Stack } from 'aws-cdk-lib';
import { METADATA_KEY } from '../acknowledgements';
import { isObject } from '../model/json';
import { Objectives, ObjectivesError, objectivesData, readObjectives } from '../objectives/objectives';

/** Where `ResilienceObjectives.declare` keeps the objectives on a scope. */
export const DECLARED_OBJECTIVES = Symbol.for('cdk-ha.objectives');

/** The context key for objectives (ResilienceObjectives.CONTEXT_KEY). */
const CONTEXT_KEY = '@cdk-ha/objectives';

/**
 * The objectives that apply to a stack: the nearest `ResilienceObjectives.declare` on the stack or
 * its ancestors, else the `@cdk-ha/objectives` context, else none.
 */
export function objectivesFor(stack: Stack): Objectives | undefined {
  for (const scope of [...stack.node.scopes].reverse()) {
    const declared = (scope as any)[DECLARED_OBJECTIVES] as Objectives | undefined;
    if (declared) return declared;
  }
  const context = stack.node.tryGetContext(CONTEXT_KEY);
  if (context === undefined) return undefined;
  let data: unknown = context;
  if (typeof context === 'string' && context.trim().startsWith('{')) {
    try {
      data = JSON.parse(context);
    } catch {
      throw new ObjectivesError(`context ${CONTEXT_KEY} of ${stack.node.path}`, ['is not valid JSON']);
    }
  }
  return readObjectives(data, `context ${CONTEXT_KEY} of ${stack.node.path}`);
}

/** Writes a stack's objectives into its template Metadata (`cdk-ha.objectives`). */
export function recordObjectives(stack: Stack): Objectives | undefined {
  const objectives = objectivesFor(stack);
  if (!objectives) return undefined;
  const metadata = stack.templateOptions.metadata ?? {};
  const block = isObject(metadata[METADATA_KEY]) ? metadata[METADATA_KEY] : {};
  stack.templateOptions.metadata = { ...metadata, [METADATA_KEY]: { ...block, objectives: objectivesData(objectives) } };
  return objectives;
}
