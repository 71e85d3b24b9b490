import type { RuleContext } from './rule';
import type { Json } from '../model/json';
import type { Resource } from '../model/template-model';
import type { AzSpread } from '../model/topology';
import { intrinsicName } from '../model/values';

/** Where a resource is placed: the zone spread of one property, or why it cannot be read. */
export type Placement =
  | { readonly property: string; readonly spread: AzSpread }
  | { readonly property: string; readonly undecided: string }
  | { readonly property: string; readonly allZones: true };

/**
 * The zones covered by a resource's first placement property that is set: a list of subnets
 * (`{ subnets: 'Subnets' }`), a list of `{ SubnetId }` mappings (`{ subnetMappings: ... }`) or a
 * list of zones (`{ zones: ... }`). `Fn::GetAZs` as a zone list means every zone of the Region.
 */
export function placementOf(
  r: Resource,
  _ctx: RuleContext | undefined,
  options: readonly ({ subnets: string } | { subnetMappings: string } | { zones: string })[],
): Placement | undefined {
  for (const option of options) {
    const property = 'subnets' in option ? option.subnets : 'subnetMappings' in option ? option.subnetMappings : option.zones;
    if (!r.has(property)) continue;
    if ('zones' in option && intrinsicName(r.properties[property]) === 'Fn::GetAZs') return { property, allZones: true };
    const list = r.list(property);
    if (!list.known) return { property, undecided: `${property} is ${list.reason}` };
    let items: Json[] = list.value;
    if ('subnetMappings' in option) {
      items = items.map(m => (m !== null && typeof m === 'object' && !Array.isArray(m) ? m.SubnetId : m) ?? null);
    }
    // The resource's own template reads its values (it may be another stack of the workload than the rule's).
    const topology = r.model.topology;
    const spread = 'zones' in option ? topology.spreadOfZones(items) : topology.spreadOfSubnets(items);
    return { property, spread };
  }
  return undefined;
}
