import { Token } from 'aws-cdk-lib';
import { MultiAzWebTier } from '../multi-az-web-tier/multi-az-web-tier';

/** The IDs of the drift warnings between serving Regions. */
export const REGION_DRIFT_WARNINGS = {
  compute: '@cdk-ha/patterns:regionComputeDrift',
  capacity: '@cdk-ha/patterns:regionCapacityDrift',
} as const;

function describe(tier: MultiAzWebTier): { compute: string; size?: string } {
  if (tier.taskDefinition) {
    const td = tier.taskDefinition;
    const known = !Token.isUnresolved(td.cpu) && !Token.isUnresolved(td.memoryMiB);
    return { compute: 'Fargate tasks', size: known ? `${td.cpu} CPU units and ${td.memoryMiB} MiB` : undefined };
  }
  const type = tier.launchTemplate?.instanceType;
  return { compute: 'EC2 instances', size: type && !Token.isUnresolved(type.toString()) ? type.toString() : undefined };
}

/**
 * Compares the serving Regions' web tiers: every Region runs the same compute and size (each carries
 * the same kind of load), and when any one Region fails the others can scale to what all of them kept
 * in service. Values that are tokens are not compared.
 */
export function compareRegions(tiers: { region: string; tier: MultiAzWebTier }[]): { id: string; message: string }[] {
  const drifts: { id: string; message: string }[] = [];
  if (tiers.length < 2) return drifts;
  const [first, ...others] = tiers;
  const reference = describe(first.tier);
  for (const other of others) {
    const shape = describe(other.tier);
    if (shape.compute !== reference.compute || (shape.size && reference.size && shape.size !== reference.size)) {
      drifts.push({
        id: REGION_DRIFT_WARNINGS.compute,
        message: `${other.region} runs ${shape.compute}${shape.size ? ` of ${shape.size}` : ''} and ${first.region} ${reference.compute}${reference.size ? ` of ${reference.size}` : ''}: `
          + 'clients move between Regions when one fails, so each must run the same application on the same compute. Build every Region\'s tier the same way.',
      });
    }
  }
  const capacities = tiers.map(t => ({ region: t.region, minimum: t.tier.minimumCapacity, maximum: t.tier.maximumCapacity }));
  if (capacities.some(c => Token.isUnresolved(c.minimum) || Token.isUnresolved(c.maximum))) return drifts;
  const total = capacities.reduce((a, c) => a + c.minimum, 0);
  for (const lost of capacities) {
    const rest = capacities.filter(c => c !== lost);
    const reachable = rest.reduce((a, c) => a + c.maximum, 0);
    if (reachable < total) {
      drifts.push({
        id: REGION_DRIFT_WARNINGS.capacity,
        message: `when ${lost.region} fails, the other Regions can scale to ${reachable} in all, below the ${total} the Regions keep in service together, `
          + `so they cannot take over ${lost.region}'s clients. Raise capacity.maximum in ${rest.map(c => c.region).join(', ')}.`,
      });
      break;
    }
  }
  return drifts;
}
