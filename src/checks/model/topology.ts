import { brief, Json, scalarText } from './json';
import { nameInMessage } from './names';
import { Resource, resourceOf, TemplateModel } from './template-model';
import { describeUndecided, evaluate, follow, intrinsicName, listIndex, Value } from './values';

/**
 * An Availability Zone as a template names it. Two zones of the same family can be compared
 * (different keys are different zones); zones of different families cannot.
 *
 * - a literal name (`us-east-1a`) or zone ID (`use1-az1`);
 * - `Fn::Select [i, Fn::GetAZs r]`: the symbolic i-th zone of the Region, as environment-agnostic CDK stacks write it;
 * - `Fn::Select [i, Ref ListParameter]`: the i-th zone of a list parameter;
 * - `Ref Parameter`: whatever zone that parameter names.
 */
export interface AzKey {
  readonly family: string;
  readonly key: string;
  /** How the zone reads in messages. */
  readonly label: string;
}

/** How many distinct zones a set of placements covers, as far as the template tells. */
export interface AzSpread {
  /** Zones that are certainly distinct. */
  readonly min: number;
  /** Zones there could be, if every undecided placement were a zone of its own. */
  readonly max: number;
  /** Labels of the decided zones. */
  readonly labels: string[];
  /** Why some placements are undecided, if any are. */
  readonly undecided?: string;
}

/** Where a subnet's default route (0.0.0.0/0) goes. */
export type DefaultRoute =
  | { readonly kind: 'nat'; readonly natId: string }
  | { readonly kind: 'internet' }
  | { readonly kind: 'other'; readonly target: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The DB instances of a cluster: certain members, and instances whose cluster is undecided. */
export interface ClusterMembers {
  readonly members: Resource[];
  readonly undecided: Resource[];
}

const DB_INSTANCE_TYPES: Record<string, string> = {
  'AWS::RDS::DBCluster': 'AWS::RDS::DBInstance',
  'AWS::DocDB::DBCluster': 'AWS::DocDB::DBInstance',
  'AWS::Neptune::DBCluster': 'AWS::Neptune::DBInstance',
};

const ROUTE_TARGETS: Record<string, string> = {
  GatewayId: 'a gateway',
  InstanceId: 'an EC2 instance',
  TransitGatewayId: 'a transit gateway',
  VpcEndpointId: 'a VPC endpoint',
  NetworkInterfaceId: 'a network interface',
  VpcPeeringConnectionId: 'a VPC peering connection',
  CoreNetworkArn: 'a Cloud WAN core network',
  EgressOnlyInternetGatewayId: 'an egress-only internet gateway',
  LocalGatewayId: 'a local gateway',
  CarrierGatewayId: 'a carrier gateway',
};

/**
 * Relations between the resources of one template, built once per template and shared by every
 * rule: subnet to Availability Zone, subnet to default route, NAT gateway to the subnets it
 * serves, cluster to member instances, resource to the scaling targets and alarms that name it.
 * Each relation is computed on first use.
 */
export class TopologyIndex {
  /** True when two zones are certainly different; false when certainly the same; undefined otherwise. */
  public static differ(a: AzKey, b: AzKey): boolean | undefined {
    if (a.family !== b.family) return undefined;
    return a.key !== b.key;
  }

  /** Combines placements (zones, or reasons a placement is undecided) into a spread, wherever they come from. */
  public static spread(placements: (AzKey | string)[]): AzSpread {
    const families = new Map<string, Set<string>>();
    const labels = new Map<string, string>();
    const reasons: string[] = [];
    for (const p of placements) {
      if (typeof p === 'string') {
        reasons.push(p);
        continue;
      }
      let keys = families.get(p.family);
      if (!keys) families.set(p.family, keys = new Set());
      keys.add(p.key);
      labels.set(`${p.family}#${p.key}`, p.label);
    }
    let min = 0;
    let distinct = 0;
    for (const keys of families.values()) {
      min = Math.max(min, keys.size);
      distinct += keys.size;
    }
    return {
      min,
      max: distinct + reasons.length,
      labels: [...labels.values()],
      undecided: reasons.length ? [...new Set(reasons)].join('; ') : undefined,
    };
  }
  private readonly subnetAzs = new Map<string, AzKey | undefined>();
  private routeTableOfSubnet?: Map<string, Value>;
  private defaultRouteOfTable?: Map<string, Resource[]>;
  private subnetsByNat?: Map<string, string[]>;
  private membersByCluster?: Map<string, Resource[]>;
  private undecidedMembers?: Map<string, Resource[]>;

  constructor(private readonly model: TemplateModel) {}

  /** The zone of a raw AZ value (`AvailabilityZone` of a subnet, an instance, ...). */
  public azOf(raw: Json | undefined): AzKey | undefined {
    if (raw === undefined) return undefined;
    // A zone passed in from another stack of the workload is read where it is written.
    const source = follow(raw, this.model);
    if (!source.unresolved && source.model !== this.model) return source.model.topology.azOf(source.raw);
    const stack = this.model.stackName;
    if (intrinsicName(raw) === 'Fn::Select') {
      const arg = (raw as any)['Fn::Select'];
      if (Array.isArray(arg) && arg.length === 2) {
        const i = listIndex(evaluate(arg[0], this.model));
        const list = follow(arg[1], this.model);
        const [listRaw, listModel] = list.unresolved ? [arg[1], this.model] : [list.raw, list.model];
        if (Number.isInteger(i) && intrinsicName(listRaw) === 'Fn::GetAZs') {
          const region = evaluate((listRaw as any)['Fn::GetAZs'], listModel);
          const r = (region.kind === 'literal' ? scalarText(region.value) ?? '' : '') || listModel.region || '';
          return { family: `getazs:${r}`, key: String(i), label: `zone ${i + 1} of ${r || 'the Region'}` };
        }
        const mapped = Number.isInteger(i) && intrinsicName(listRaw) === 'Fn::FindInMap' ? listModel.topology.mappedZoneList(listRaw, i) : undefined;
        if (mapped) return mapped;
        if (Number.isInteger(i) && intrinsicName(listRaw) === 'Ref' && listModel.parameter((listRaw as any).Ref)) {
          const p = (listRaw as any).Ref as string;
          return { family: `list:${listModel.stackName}:${p}`, key: String(i), label: `zone ${i + 1} of parameter ${nameInMessage(p)}` };
        }
      }
    }
    if (intrinsicName(raw) === 'Ref' && this.model.parameter((raw as any).Ref)) {
      const p = (raw as any).Ref as string;
      const value = evaluate(raw, this.model);
      if (value.kind !== 'literal') return { family: `param:${stack}:${p}`, key: '', label: `the zone in parameter ${nameInMessage(p)}` };
    }
    const value = evaluate(raw, this.model);
    if (value.kind === 'literal' && typeof value.value === 'string' && value.value !== '') {
      return /^[a-z]{2,}[0-9]+-az[0-9]+$/.test(value.value)
        ? { family: 'id', key: value.value, label: value.value }
        : { family: 'name', key: value.value, label: value.value };
    }
    return undefined;
  }

  /**
   * `Fn::Select [i, Fn::FindInMap [Map, Ref AWS::Region, Key]]`: a static zone list per Region.
   * The i-th items of the lists are one symbolic zone, provided every list names distinct zones.
   */
  private mappedZoneList(findInMap: Json, i: number): AzKey | undefined {
    const [mapName, , key] = (findInMap as any)['Fn::FindInMap'] as Json[];
    const map = typeof mapName === 'string' ? this.model.mapping(mapName) : undefined;
    if (!map || typeof key !== 'string') return undefined;
    const lists = Object.values(map).map(entry => (entry as any)?.[key]);
    const usable = lists.length > 0 && lists.every(l => Array.isArray(l) && l.length > i
      && l.every(z => typeof z === 'string') && new Set(l).size === l.length);
    return usable ? { family: `map:${this.model.stackName}:${mapName}.${key}`, key: String(i), label: `zone ${i + 1} of mapping ${mapName}` } : undefined;
  }

  /** The zone of a subnet given as a raw reference (`Ref Subnet`, in this stack or another of the workload) or an imported subnet ID, if it is known. */
  public azOfSubnet(raw: Json | undefined): AzKey | undefined {
    const v = evaluate(raw, this.model);
    const subnet = resourceOf(v);
    if (subnet?.type === 'AWS::EC2::Subnet') return subnet.model.topology.subnetAz(subnet.logicalId);
    const zone = v.kind === 'literal' && typeof v.value === 'string' ? this.model.workload.subnetZone(v.value) : undefined;
    return zone ? this.azOf(zone) : undefined;
  }

  private subnetAz(subnetId: string): AzKey | undefined {
    if (!this.subnetAzs.has(subnetId)) {
      const subnet = this.model.resource(subnetId)!;
      const raw = subnet.properties.AvailabilityZone ?? subnet.properties.AvailabilityZoneId;
      this.subnetAzs.set(subnetId, this.azOf(raw));
    }
    return this.subnetAzs.get(subnetId);
  }

  /** The zones covered by a list of raw subnet references. */
  public spreadOfSubnets(items: Json[]): AzSpread {
    return TopologyIndex.spread(items.map(item => {
      const az = this.azOfSubnet(item);
      return az ?? this.whyNoAz(item, true);
    }));
  }

  /** The zones covered by a list of raw AZ values. */
  public spreadOfZones(items: Json[]): AzSpread {
    return TopologyIndex.spread(items.map(item => this.azOf(item) ?? this.whyNoAz(item, false)));
  }

  private whyNoAz(raw: Json, isSubnet: boolean): string {
    const v = evaluate(raw, this.model);
    if (isSubnet) {
      if (v.kind === 'literal') return `subnet ${scalarText(v.value) ?? brief(v.value)} is not defined in this template`;
      if (v.kind === 'reference') {
        return resourceOf(v)?.type === 'AWS::EC2::Subnet'
          ? `the Availability Zone of subnet ${v.logicalId} is chosen by AWS at deploy time`
          : `${v.logicalId} is not a subnet`;
      }
    }
    return describeUndecided(v);
  }


  /** Where a subnet's traffic to the internet goes. */
  public defaultRoute(subnetId: string): DefaultRoute {
    this.indexRoutes();
    const table = this.routeTableOfSubnet!.get(subnetId);
    if (!table) return { kind: 'unknown', reason: `subnet ${subnetId} uses the VPC's main route table` };
    if (table.kind !== 'reference' || table.model !== this.model) return { kind: 'unknown', reason: `the route table of subnet ${subnetId} is ${describeUndecided(table)}` };
    const routes = this.defaultRouteOfTable!.get(table.logicalId) ?? [];
    if (routes.length === 0) return { kind: 'none' };
    const route = routes[0];
    const nat = evaluate(route.properties.NatGatewayId, this.model);
    if (nat.kind === 'reference' && nat.model === this.model) return { kind: 'nat', natId: nat.logicalId };
    if (nat.kind !== 'absent') return { kind: 'unknown', reason: `route ${route.logicalId} goes to NAT gateway ${describeUndecided(nat)}` };
    const gateway = evaluate(route.properties.GatewayId, this.model);
    if (resourceOf(gateway)?.type === 'AWS::EC2::InternetGateway') {
      return { kind: 'internet' };
    }
    for (const [prop, label] of Object.entries(ROUTE_TARGETS)) {
      if (route.properties[prop] !== undefined) return { kind: 'other', target: label };
    }
    return { kind: 'unknown', reason: `route ${route.logicalId} has no target the checker knows` };
  }

  /** The template subnets whose default route goes to a NAT gateway. */
  public subnetsRoutedTo(natId: string): string[] {
    this.indexRoutes();
    if (!this.subnetsByNat) {
      this.subnetsByNat = new Map();
      for (const subnet of this.model.ofType('AWS::EC2::Subnet')) {
        const route = this.defaultRoute(subnet.logicalId);
        if (route.kind === 'nat') addTo(this.subnetsByNat, route.natId, subnet.logicalId);
      }
    }
    return this.subnetsByNat.get(natId) ?? [];
  }

  private indexRoutes(): void {
    if (this.routeTableOfSubnet) return;
    this.routeTableOfSubnet = new Map();
    this.defaultRouteOfTable = new Map();
    for (const assoc of this.model.ofType('AWS::EC2::SubnetRouteTableAssociation')) {
      const subnet = evaluate(assoc.properties.SubnetId, this.model);
      if (subnet.kind === 'reference' && subnet.model === this.model) {
        this.routeTableOfSubnet.set(subnet.logicalId, evaluate(assoc.properties.RouteTableId, this.model));
      }
    }
    for (const route of this.model.ofType('AWS::EC2::Route')) {
      const destination = evaluate(route.properties.DestinationCidrBlock, this.model);
      if (destination.kind !== 'literal' || destination.value !== '0.0.0.0/0') continue;
      const table = evaluate(route.properties.RouteTableId, this.model);
      if (table.kind !== 'reference' || table.model !== this.model) continue;
      addTo(this.defaultRouteOfTable, table.logicalId, route);
    }
  }

  /** The DB instances that belong to a cluster (RDS/Aurora, DocumentDB, Neptune). */
  public clusterMembers(cluster: Resource): ClusterMembers {
    if (!this.membersByCluster) this.indexClusters();
    return {
      members: this.membersByCluster!.get(cluster.logicalId) ?? [],
      undecided: this.undecidedMembers!.get(cluster.type) ?? [],
    };
  }

  private indexClusters(): void {
    this.membersByCluster = new Map();
    this.undecidedMembers = new Map();
    for (const [clusterType, instanceType] of Object.entries(DB_INSTANCE_TYPES)) {
      // Clusters may also be named by a literal identifier.
      const byName = new Map<string, string>();
      for (const cluster of this.model.ofType(clusterType)) {
        const name = cluster.str('DBClusterIdentifier');
        if (name.known) byName.set(name.value.toLowerCase(), cluster.logicalId);
      }
      for (const instance of this.model.ofType(instanceType)) {
        const ref = instance.value('DBClusterIdentifier');
        if (ref.kind === 'unknown') {
          addTo(this.undecidedMembers, clusterType, instance);
          continue;
        }
        const clusterId = ref.kind === 'reference' ? (ref.model === this.model ? ref.logicalId : undefined)
          : ref.kind === 'literal' ? byName.get((scalarText(ref.value) ?? '').toLowerCase()) : undefined;
        if (clusterId) addTo(this.membersByCluster, clusterId, instance);
      }
    }
  }

  /**
   * The resources of one type whose given property refers to a resource, by the referred logical ID:
   * for example alarms by the resources in their dimensions, or scalable targets by service. The
   * referrers may be in any stack of the workload.
   */
  public referrers(type: string, property: string, target: string): Resource[] {
    const resource = this.model.resource(target);
    return (resource && this.model.workload.referrers(type, property).get(resource)) || [];
  }
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
