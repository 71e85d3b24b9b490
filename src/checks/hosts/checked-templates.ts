/**
 * The templates an HaChecks aspect checked in this process, by absolute path: the validation plugin,
 * which runs after the aspect in the same synthesis, does not print their findings a second time.
 */
const CHECKED = Symbol.for('cdk-ha.templates-checked-by-the-aspect');

function registry(): Set<string> {
  const holder = globalThis as unknown as Record<symbol, Set<string> | undefined>;
  return holder[CHECKED] ??= new Set();
}

/** Notes that the aspect checked the template synthesis writes at this path. */
export function markCheckedByAspect(templatePath: string): void {
  registry().add(templatePath);
}

/** True when an HaChecks aspect of this process checked the template at this path. */
export function checkedByAspect(templatePath: string): boolean {
  return registry().has(templatePath);
}
