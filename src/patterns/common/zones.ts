import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** How many distinct Availability Zones a list of zone values names, when that is known at synth time. */
export interface ZoneCount {
  /** The number of distinct zones; undefined when some zone is decided at deploy time. */
  readonly count?: number;
}

/**
 * Counts the distinct zones in a list of zone names. Literal names count as themselves and
 * environment-agnostic stacks' `Fn::Select [i, Fn::GetAZs]` as the symbolic i-th zone of the Region;
 * any other token (a parameter, an import) makes the count unknown, so callers do not judge it.
 */
export function countZones(scope: IConstruct, zones: readonly string[]): ZoneCount {
  const keys = new Set<string>();
  for (const zone of zones) {
    if (!Token.isUnresolved(zone)) {
      keys.add(zone);
      continue;
    }
    const resolved = Stack.of(scope).resolve(zone);
    const select = resolved?.['Fn::Select'];
    const symbolic = Array.isArray(select) && select.length === 2 && typeof select[0] === 'number'
      && select[1] !== null && typeof select[1] === 'object' && 'Fn::GetAZs' in select[1];
    if (!symbolic) return {};
    keys.add(`az[${select[0]}] of ${JSON.stringify(select[1]['Fn::GetAZs'])}`);
  }
  return { count: keys.size };
}
