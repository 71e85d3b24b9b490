import { TopologyIndex } from '../../../src/checks/model/topology';
import { az, modelOf, res, subnet, template } from '../../helpers/templates';

const model = modelOf(template({
  Vpc: res('AWS::EC2::VPC'),
  A: subnet(az(0)),
  B: subnet(az(1)),
  A2: subnet({ 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] }),
  Named: subnet('eu-west-1a'),
  Id: subnet(undefined, { AvailabilityZoneId: 'euw1-az1' }),
  Open: subnet(undefined),
  FromParam: subnet({ Ref: 'Zone' }),
  FromList0: subnet({ 'Fn::Select': [0, { Ref: 'Zones' }] }),
  FromList1: subnet({ 'Fn::Select': ['1', { Ref: 'Zones' }] }),
  Mapped0: subnet({ 'Fn::Select': [0, { 'Fn::FindInMap': ['Zones', { Ref: 'AWS::Region' }, 'List'] }] }),
  Mapped1: subnet({ 'Fn::Select': [1, { 'Fn::FindInMap': ['Zones', { Ref: 'AWS::Region' }, 'List'] }] }),
  BadRef: subnet({ Ref: Object.create(null) }),
  BadIndex: subnet({ 'Fn::Select': [Object.create(null), { Ref: 'Zones' }] }),
  Igw: res('AWS::EC2::InternetGateway'),
  Nat: res('AWS::EC2::NatGateway', { SubnetId: { Ref: 'A' } }),
  PublicTable: res('AWS::EC2::RouteTable'),
  PrivateTable: res('AWS::EC2::RouteTable'),
  IsolatedTable: res('AWS::EC2::RouteTable'),
  PublicRoute: res('AWS::EC2::Route', { RouteTableId: { Ref: 'PublicTable' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } }),
  PrivateRoute: res('AWS::EC2::Route', { RouteTableId: { Ref: 'PrivateTable' }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: { Ref: 'Nat' } }),
  LocalRoute: res('AWS::EC2::Route', { RouteTableId: { Ref: 'IsolatedTable' }, DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-1' }),
  AssocA: res('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'A' }, RouteTableId: { Ref: 'PublicTable' } }),
  AssocB: res('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'B' }, RouteTableId: { Ref: 'PrivateTable' } }),
  AssocNamed: res('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'Named' }, RouteTableId: { Ref: 'PrivateTable' } }),
  AssocId: res('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'Id' }, RouteTableId: { Ref: 'IsolatedTable' } }),
  AssocParam: res('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'FromParam' }, RouteTableId: { Ref: 'TableParam' } }),
}, {
  Parameters: { Zone: { Type: 'String' }, Zones: { Type: 'List<AWS::EC2::AvailabilityZone::Name>' }, TableParam: { Type: 'String' } },
  Mappings: { Zones: { 'us-east-1': { List: ['us-east-1a', 'us-east-1b'] }, 'eu-west-1': { List: ['eu-west-1a', 'eu-west-1b'] } } },
}));
const t = model.topology;
const zoneOf = (id: string) => t.azOfSubnet({ Ref: id });

describe('subnet zones', () => {
  test('symbolic zones of the Region compare by index, whatever names the Region', () => {
    expect(TopologyIndex.differ(zoneOf('A')!, zoneOf('B')!)).toBe(true);
    expect(TopologyIndex.differ(zoneOf('A')!, zoneOf('A2')!)).toBe(false);
  });
  test('zones of different kinds cannot be compared', () => {
    expect(TopologyIndex.differ(zoneOf('A')!, zoneOf('Named')!)).toBeUndefined();
    expect(zoneOf('Id')).toEqual({ family: 'id', key: 'euw1-az1', label: 'euw1-az1' });
  });
  test('a subnet without a zone has none; a parameter zone is its own family', () => {
    expect(zoneOf('Open')).toBeUndefined();
    expect(zoneOf('FromParam')!.family).toBe('param:Test:Zone');
  });
  test('malformed intrinsics give no zone rather than an error', () => {
    expect(zoneOf('BadRef')).toBeUndefined();
    expect(zoneOf('BadIndex')).toBeUndefined();
  });
  test('items of a zone-list parameter and of a per-Region mapping compare by index', () => {
    expect(TopologyIndex.differ(zoneOf('FromList0')!, zoneOf('FromList1')!)).toBe(true);
    expect(TopologyIndex.differ(zoneOf('Mapped0')!, zoneOf('Mapped1')!)).toBe(true);
  });
});

describe('spreads', () => {
  test('certain and possible zone counts', () => {
    expect(t.spreadOfSubnets([{ Ref: 'A' }, { Ref: 'B' }, { Ref: 'A2' }])).toMatchObject({ min: 2, max: 2 });
    expect(t.spreadOfSubnets([{ Ref: 'A' }, { Ref: 'A2' }])).toMatchObject({ min: 1, max: 1 });
    const open = t.spreadOfSubnets([{ Ref: 'A' }, { Ref: 'Open' }]);
    expect(open).toMatchObject({ min: 1, max: 2 });
    expect(open.undecided).toMatch(/Open is chosen by AWS/);
  });
  test('zones of different kinds: at least the largest family, at most all of them', () => {
    expect(t.spreadOfSubnets([{ Ref: 'A' }, { Ref: 'B' }, { Ref: 'Named' }])).toMatchObject({ min: 2, max: 3 });
  });
  test('the same parameter twice is one zone', () => {
    expect(t.spreadOfZones([{ Ref: 'Zone' }, { Ref: 'Zone' }])).toMatchObject({ min: 1, max: 1 });
  });
  test('literal subnet IDs and non-subnets are undecided', () => {
    const s = t.spreadOfSubnets(['subnet-123', { Ref: 'Igw' }]);
    expect(s).toMatchObject({ min: 0, max: 2 });
    expect(s.undecided).toMatch(/subnet-123 is not defined in this template; Igw is not a subnet/);
  });
});

describe('default routes', () => {
  test('internet, NAT, none, other and unknown', () => {
    expect(t.defaultRoute('A')).toEqual({ kind: 'internet' });
    expect(t.defaultRoute('B')).toEqual({ kind: 'nat', natId: 'Nat' });
    expect(t.defaultRoute('Id')).toEqual({ kind: 'none' });
    expect(t.defaultRoute('Open')).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/main route table/) });
    expect(t.defaultRoute('FromParam')).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/parameter TableParam/) });
  });
  test('the subnets a NAT gateway serves', () => {
    expect(t.subnetsRoutedTo('Nat').sort()).toEqual(['B', 'Named']);
    expect(t.subnetsRoutedTo('Other')).toEqual([]);
  });
});

test('the index is built once per template', () => {
  expect(model.topology).toBe(t);
});
