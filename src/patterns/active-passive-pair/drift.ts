import { Stack, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { StandbyMode } from './props';
import { MultiAzWebTier } from '../multi-az-web-tier/multi-az-web-tier';

/** The IDs of the drift warnings, one per kind of difference. */
export const DRIFT_WARNINGS = {
  compute: '@cdk-ha/patterns:standbyComputeDrift',
  instance: '@cdk-ha/patterns:standbyInstanceDrift',
  capacity: '@cdk-ha/patterns:standbyCapacityDrift',
} as const;

/** One difference between the tiers that breaks the standby mode. */
export interface Drift {
  /** The warning it belongs to. */
  readonly id: string;
  /** What differs and why it breaks the mode, then the fix. */
  readonly message: string;
}

/** What the comparison reads of a tier. */
interface TierShape {
  readonly compute: 'EC2 instances' | 'Fargate tasks';
  /** 'an instance type t3.small' or '512 CPU units and 1024 MiB'; undefined when a token. */
  readonly size?: string;
  /** 'x86_64' or 'arm64'; undefined when not known. */
  readonly architecture?: string;
  readonly minimum: number;
  readonly maximum: number;
  readonly zones: number;
}

function shapeOf(tier: MultiAzWebTier): TierShape {
  const capacity = { minimum: tier.minimumCapacity, maximum: tier.maximumCapacity, zones: tier.availabilityZones.length };
  const taskDefinition = tier.taskDefinition;
  if (taskDefinition) {
    const cfn = taskDefinition.node.defaultChild as ecs.CfnTaskDefinition;
    const platform = Stack.of(taskDefinition).resolve(cfn.runtimePlatform);
    const architecture = typeof platform?.cpuArchitecture === 'string' ? platform.cpuArchitecture.toLowerCase() : undefined;
    const known = !Token.isUnresolved(taskDefinition.cpu) && !Token.isUnresolved(taskDefinition.memoryMiB);
    return {
      compute: 'Fargate tasks',
      size: known ? `${taskDefinition.cpu} CPU units and ${taskDefinition.memoryMiB} MiB` : undefined,
      architecture,
      ...capacity,
    };
  }
  const type = tier.launchTemplate?.instanceType;
  const known = type !== undefined && !Token.isUnresolved(type.toString());
  return {
    compute: 'EC2 instances',
    size: known ? type.toString() : undefined,
    architecture: known ? type.architecture : undefined,
    ...capacity,
  };
}

/** Instances or tasks a tier keeps in service after losing its largest zone share. */
function surviving(shape: TierShape): number {
  return shape.minimum - Math.ceil(shape.minimum / shape.zones);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Compares the primary and standby web tiers against the standby mode. Values that are tokens
 * are not compared.
 *
 * - every mode: the same compute (EC2 or Fargate);
 * - HOT and WARM: the same instance type, or the same task CPU and memory;
 * - PILOT_LIGHT: the same CPU architecture;
 * - HOT: at least as many instances or tasks in service after losing a zone as the primary;
 * - HOT and WARM: at least the primary's maximum capacity;
 * - PILOT_LIGHT: a maximum capacity that reaches what the primary keeps in service after losing a zone.
 */
export function compareTiers(mode: StandbyMode, primaryTier: MultiAzWebTier, standbyTier: MultiAzWebTier): Drift[] {
  const primary = shapeOf(primaryTier);
  const standby = shapeOf(standbyTier);
  const modeLabel = mode === StandbyMode.HOT ? 'a hot standby' : mode === StandbyMode.WARM ? 'a warm standby' : 'a pilot light';
  const drifts: Drift[] = [];

  if (primary.compute !== standby.compute) {
    drifts.push({
      id: DRIFT_WARNINGS.compute,
      message: `the primary runs on ${primary.compute} and the standby on ${standby.compute}, so the standby is not a copy of the primary: `
        + `after a failover, traffic goes to an application built and deployed another way that has never served it (${modeLabel} needs the same compute). `
        + 'Build both web tiers with the same WebTierCompute choice.',
    });
  } else if (mode === StandbyMode.PILOT_LIGHT) {
    if (primary.architecture && standby.architecture && primary.architecture !== standby.architecture) {
      drifts.push({
        id: DRIFT_WARNINGS.instance,
        message: `the standby's ${standby.compute} run on ${standby.architecture} and the primary's on ${primary.architecture}, so the primary's `
          + `${primary.compute === 'EC2 instances' ? 'AMI' : 'container image'} does not run on the standby (${modeLabel} needs the same CPU architecture). `
          + `Use ${primary.compute === 'EC2 instances' ? 'instance types' : 'a cpuArchitecture'} of the same architecture in both tiers.`,
      });
    }
  } else if (primary.size && standby.size && primary.size !== standby.size) {
    const ec2 = primary.compute === 'EC2 instances';
    drifts.push({
      id: DRIFT_WARNINGS.instance,
      message: `the standby's ${standby.compute} ${ec2 ? 'are' : 'have'} ${standby.size} and the primary's ${primary.size}: `
        + `both tiers count capacity in ${ec2 ? 'instances' : 'tasks'}, so the same count on the standby does not carry the primary's load `
        + `(${modeLabel} needs the same ${ec2 ? 'instance type' : 'task size'}). `
        + `Use the same ${ec2 ? 'instance type' : 'cpu and memoryLimitMiB'} in both tiers${mode === StandbyMode.HOT ? ', or choose StandbyMode.PILOT_LIGHT' : ''}.`,
    });
  }

  const capacities = [primary.minimum, primary.maximum, standby.minimum, standby.maximum];
  if (capacities.some(c => Token.isUnresolved(c))) return drifts;
  const capacity: string[] = [];
  const primaryKeeps = surviving(primary);
  if (mode === StandbyMode.HOT) {
    const standbyKeeps = surviving(standby);
    if (standbyKeeps < primaryKeeps) {
      capacity.push(`the standby keeps ${standbyKeeps} in service after losing an Availability Zone (a minimum of ${standby.minimum} over `
        + `${plural(standby.zones, 'zone', 'zones')}) and the primary ${primaryKeeps} (${primary.minimum} over ${plural(primary.zones, 'zone', 'zones')}), `
        + 'but a hot standby must carry the primary\'s full load the moment DNS fails over. Give the standby the primary\'s capacity.needed, '
        + 'or choose StandbyMode.WARM');
    }
  }
  if (mode === StandbyMode.PILOT_LIGHT) {
    if (standby.maximum < primaryKeeps) {
      capacity.push(`the standby scales to at most ${standby.maximum}, below the ${primaryKeeps} the primary keeps in service after losing an `
        + `Availability Zone, so lighting it up cannot reach the capacity the primary needs. Raise the standby's capacity.maximum to at least ${primaryKeeps}`);
    }
  } else if (standby.maximum < primary.maximum) {
    capacity.push(`the standby scales to at most ${standby.maximum} and the primary to ${primary.maximum}, so after a failover the standby `
      + `cannot reach the primary's peak. Raise the standby's capacity.maximum to at least ${primary.maximum}`);
  }
  if (capacity.length) {
    drifts.push({ id: DRIFT_WARNINGS.capacity, message: capacity.map((c, i) => `${i === 0 ? c : c.charAt(0).toUpperCase() + c.slice(1)}.`).join(' ') });
  }
  return drifts;
}
