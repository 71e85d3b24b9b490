import type { Json } from '../model/json';
import type { Resource } from '../model/template-model';
import { AzKey, TopologyIndex } from '../model/topology';
import { RuleCategory, Severity } from '../types';
import { LocatedOutcome, Rule, WA } from './rule';

/**
 * Where each kind of workload resource says which subnets or zones it runs in: properties that
 * hold a list (of subnets or zones, `*` marking a list of objects), and properties that hold one.
 */
interface PlacementSpec {
  readonly subnetLists?: readonly string[];
  readonly subnet?: readonly string[];
  readonly zoneLists?: readonly string[];
  readonly zone?: readonly string[];
}

const PLACEMENTS: Record<string, PlacementSpec> = {
  'AWS::AutoScaling::AutoScalingGroup': { subnetLists: ['VPCZoneIdentifier'], zoneLists: ['AvailabilityZones'] },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { subnetLists: ['Subnets', 'SubnetMappings.*.SubnetId'] },
  'AWS::ElasticLoadBalancing::LoadBalancer': { subnetLists: ['Subnets'], zoneLists: ['AvailabilityZones'] },
  'AWS::Lambda::Function': { subnetLists: ['VpcConfig.SubnetIds'] },
  'AWS::ECS::Service': { subnetLists: ['NetworkConfiguration.AwsvpcConfiguration.Subnets'] },
  'AWS::EC2::Instance': { subnet: ['SubnetId'], subnetLists: ['NetworkInterfaces.*.SubnetId'], zone: ['AvailabilityZone'] },
  'AWS::RDS::DBSubnetGroup': { subnetLists: ['SubnetIds'] },
  'AWS::RDS::DBInstance': { zone: ['AvailabilityZone'] },
  'AWS::ElastiCache::SubnetGroup': { subnetLists: ['SubnetIds'] },
  'AWS::DocDB::DBSubnetGroup': { subnetLists: ['SubnetIds'] },
  'AWS::Neptune::DBSubnetGroup': { subnetLists: ['SubnetIds'] },
  'AWS::Redshift::ClusterSubnetGroup': { subnetLists: ['SubnetIds'] },
  'AWS::EFS::MountTarget': { subnet: ['SubnetId'] },
  'AWS::EKS::Nodegroup': { subnetLists: ['Subnets'] },
};

/** The zones of one resource's placements (a zone, or why it is undecided), and whether it names any. */
function placementsOf(r: Resource): { zones: (AzKey | string)[]; places: boolean } {
  const spec = PLACEMENTS[r.type];
  const zones: (AzKey | string)[] = [];
  const topology = r.model.topology;
  const subnetZone = (raw: Json) => topology.azOfSubnet(raw) ?? `the zone of a subnet of ${r.logicalId} is not known at synth time`;
  const zoneOf = (raw: Json) => topology.azOf(raw) ?? `the zone of ${r.logicalId} is not known at synth time`;
  const add = (raws: (Json | typeof UNDECIDED)[], path: string, toZone: (raw: Json) => AzKey | string) => {
    for (const raw of raws) zones.push(raw === UNDECIDED ? `${r.logicalId}.${path} is decided at deploy time` : toZone(raw));
  };
  for (const path of spec.subnetLists ?? []) add(listItemsAt(r, path), path, subnetZone);
  for (const path of spec.zoneLists ?? []) add(listItemsAt(r, path), path, zoneOf);
  for (const path of spec.subnet ?? []) if (r.has(path)) add([r.properties[path]], path, subnetZone);
  for (const path of spec.zone ?? []) if (r.has(path)) add([r.properties[path]], path, zoneOf);
  return { zones, places: zones.length > 0 };
}

const UNDECIDED = Symbol('undecided');

/** The items of a list property such as `SubnetMappings.*.SubnetId`; a list that is itself undecided gives one UNDECIDED item. */
function listItemsAt(r: Resource, path: string): (Json | typeof UNDECIDED)[] {
  const [head, field] = path.split('.*.');
  if (!r.has(head)) return [];
  const list = r.list(head);
  if (!list.known) return [UNDECIDED];
  if (!field) return list.value;
  return list.value.map(item => (item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, Json>)[field] : undefined))
    .filter((v): v is Json => v !== undefined);
}

export const WORKLOAD_SINGLE_AZ: Rule = {
  id: 'HA-WORKLOAD1',
  title: 'The whole workload sits in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: Object.keys(PLACEMENTS),
  explanation:
    'When every tier of a stack (compute, load balancers, functions, containers, database and cache subnet groups, file '
    + 'system mount targets, instances) is placed in the same Availability Zone, one zone failure takes the whole workload '
    + 'down, however redundant each tier is inside that zone. This stack-wide check also covers resources that no other '
    + 'rule places, such as standalone instances and mount targets.',
  flags: 'A stack whose workload resources (two or more of the resource types listed) are all placed in one Availability Zone; '
    + 'reported once, on the first of them.',
  defaults: 'Resources without an explicit subnet or zone are placed by AWS and do not count; subnets without an explicit zone are undecided.',
  remediation: 'Spread every tier over at least two Availability Zones: give each resource subnets in two or more zones '
    + '(CDK: a VPC with `maxAzs` of 2 or more, and `vpcSubnets` selecting a subnet type rather than one subnet).',
  references: [WA.REL10_BP01, WA.REL10_BP02],
  evaluateWorkload(ctx): LocatedOutcome[] {
    const placed: Resource[] = [];
    const zones: (AzKey | string)[] = [];
    for (const model of ctx.stacks) {
      const isPlaced = new Set<Resource>();
      for (const type of Object.keys(PLACEMENTS)) {
        for (const r of model.ofType(type)) {
          const p = placementsOf(r);
          if (!p.places) continue;
          isPlaced.add(r);
          zones.push(...p.zones);
        }
      }
      // In template order within each stack, stacks in workload order.
      placed.push(...[...model.resources].filter(r => isPlaced.has(r)));
    }
    // One placed resource is its own rule's business; the workload as a whole needs two or more.
    if (placed.length < 2) return [];
    const first = placed[0];
    const spread = TopologyIndex.spread(zones);
    const several = ctx.stacks.length > 1;
    const names = placed.map(r => (several ? `${r.logicalId} (${r.model.stackName})` : r.logicalId)).join(', ');
    const whose = several ? 'the workload' : 'the stack';
    if (spread.max < 2) {
      return [{
        resource: first,
        status: 'fail',
        message: `Every workload resource of ${whose} (${names}) is in one Availability Zone (${spread.labels.join(', ') || 'the same zone'}): `
          + 'a failure of that zone takes the whole workload down.',
      }];
    }
    if (spread.min >= 2) return [{ resource: first, status: 'pass' }];
    return [{
      resource: first,
      status: 'unknown',
      message: `The workload resources of ${whose} (${names}) may all be in one Availability Zone: ${spread.undecided}.`,
    }];
  },
};

export const WORKLOAD_RULES: readonly Rule[] = [WORKLOAD_SINGLE_AZ];
