import type { JsonObject } from '../../../src/checks/model/json';
import { res, subnet, template } from '../../helpers/templates';

/** An Availability Zone value: symbolic (`az(0)`), a literal name, or undefined for "AWS picks". */
export type Zone = JsonObject | string | undefined;

/** A VPC whose private subnets (one per entry of `privateZones`) route to the NAT gateways named in `routes`. */
export function vpc(options: { natZones: Zone[]; privateZones: Zone[]; routes: number[]; natExtra?: JsonObject }): JsonObject {
  const resources: JsonObject = { Vpc: res('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }) };
  options.natZones.forEach((zone, i) => {
    resources[`Public${i}`] = subnet(zone);
    resources[`Nat${i}`] = res('AWS::EC2::NatGateway', { SubnetId: { Ref: `Public${i}` }, ...options.natExtra });
  });
  options.privateZones.forEach((zone, i) => {
    resources[`Private${i}`] = subnet(zone);
    resources[`Table${i}`] = res('AWS::EC2::RouteTable', { VpcId: { Ref: 'Vpc' } });
    resources[`Assoc${i}`] = res('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: `Private${i}` }, RouteTableId: { Ref: `Table${i}` } });
    resources[`Route${i}`] = res('AWS::EC2::Route', { RouteTableId: { Ref: `Table${i}` }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: { Ref: `Nat${options.routes[i]}` } });
  });
  return template(resources, { Parameters: { AzParam: { Type: 'AWS::EC2::AvailabilityZone::Name' } } });
}

/** Subnets `S0`, `S1`, ... in the given zones, and the resource under test `R` built on them. */
export function withSubnets(zones: Zone[], resource: (subnets: JsonObject[]) => JsonObject): JsonObject {
  const resources: JsonObject = {};
  zones.forEach((zone, i) => { resources[`S${i}`] = subnet(zone); });
  resources.R = resource(zones.map((_, i) => ({ Ref: `S${i}` })));
  return template(resources, { Parameters: { Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' }, AzParam: { Type: 'String' } } });
}
