import { estimate, Estimated, isUnknown } from '../../../src/checks/objectives/estimates';
import type { Disruption } from '../../../src/checks/objectives/objectives';
import { az, modelOf, res, subnet, template } from '../../helpers/templates';

/** `rto/rpo` of one resource for one disruption, in seconds ("inf" when not recoverable, "?" when undecided). */
function figures(t: object, id: string, d: Disruption): string {
  const model = modelOf(template(t as any, { Parameters: { P: { Type: 'String' } } }));
  const e = estimate(model.resource(id)!, { model, topology: model.topology });
  if (!e) return 'none';
  const show = (x: Estimated) => (isUnknown(x) ? '?' : Number.isFinite(x.seconds) ? String(x.seconds) : 'inf');
  return `${show(e.recovery[d].rto)}/${show(e.recovery[d].rpo)}`;
}
function slaOf(t: object, id: string): number | undefined {
  const model = modelOf(template(t as any));
  return estimate(model.resource(id)!, { model, topology: model.topology })?.sla?.percent;
}

const db = (props: object = {}) => res('AWS::RDS::DBInstance', { Engine: 'postgres', ...props });
const instance = (cluster: string, zone?: string) => res('AWS::RDS::DBInstance', { DBClusterIdentifier: { Ref: cluster }, Engine: 'aurora-postgresql', ...(zone ? { AvailabilityZone: zone } : {}) });

describe('relational databases', () => {
  test('Multi-AZ instance: failover in about 2 minutes, no data lost, in a host or zone failure', () => {
    expect(figures({ Db: db({ MultiAZ: true }) }, 'Db', 'instance')).toBe('120/0');
    expect(figures({ Db: db({ MultiAZ: true }) }, 'Db', 'az')).toBe('120/0');
    expect(slaOf({ Db: db({ MultiAZ: true }) }, 'Db')).toBe(99.95);
  });
  test('Single-AZ instance: host replaced; a zone failure means a restore, losing 5 minutes, or everything without backups', () => {
    expect(figures({ Db: db() }, 'Db', 'instance')).toBe('1800/0');
    expect(figures({ Db: db() }, 'Db', 'az')).toBe('3600/300');
    expect(figures({ Db: db({ BackupRetentionPeriod: 0 }) }, 'Db', 'az')).toBe('3600/inf');
    expect(slaOf({ Db: db() }, 'Db')).toBe(99.5);
  });
  test('no instance without a copy in another Region survives a Region failure', () => {
    expect(figures({ Db: db({ MultiAZ: true }) }, 'Db', 'region')).toBe('inf/inf');
  });
  test('undecided Multi-AZ is undecided', () => {
    expect(figures({ Db: db({ MultiAZ: { Ref: 'P' } }) }, 'Db', 'az')).toBe('?/?');
  });
  test('Aurora: a replica is promoted in under a minute; a lone writer is recreated in under ten', () => {
    const cluster = res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' });
    expect(figures({ C: cluster, W: instance('C'), R: instance('C') }, 'C', 'az')).toBe('60/0');
    expect(figures({ C: cluster, W: instance('C') }, 'C', 'az')).toBe('600/0');
    expect(slaOf({ C: cluster, W: instance('C'), R: instance('C') }, 'C')).toBe(99.99);
    expect(slaOf({ C: cluster, W: instance('C') }, 'C')).toBe(99.9);
  });
  test('an Aurora global database survives a Region failure: a switchover or failover in minutes, a second of data', () => {
    const cluster = res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', GlobalClusterIdentifier: 'global' });
    expect(figures({ C: cluster, W: instance('C'), R: instance('C') }, 'C', 'region')).toBe('300/1');
  });
  test('a Multi-AZ DB cluster fails over in about 35 s', () => {
    expect(figures({ C: res('AWS::RDS::DBCluster', { Engine: 'mysql' }) }, 'C', 'instance')).toBe('35/0');
  });
  test('cluster members and read replicas have no estimate of their own', () => {
    expect(figures({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql' }), W: instance('C') }, 'W', 'az')).toBe('none');
    expect(figures({ Db: db({ SourceDBInstanceIdentifier: 'x' }) }, 'Db', 'az')).toBe('none');
  });
});

describe('caches and tables', () => {
  const rg = (props: object) => res('AWS::ElastiCache::ReplicationGroup', { ReplicationGroupDescription: 'c', ...props });
  test('a cache that fails over Multi-AZ', () => {
    expect(figures({ R: rg({ AutomaticFailoverEnabled: true, MultiAZEnabled: true, NumCacheClusters: 2 }) }, 'R', 'az')).toBe('60/1');
  });
  test('a cache without a replica loses its data unless it keeps snapshots', () => {
    expect(figures({ R: rg({}) }, 'R', 'instance')).toBe('900/inf');
    expect(figures({ R: rg({ SnapshotRetentionLimit: 1 }) }, 'R', 'instance')).toBe('900/86400');
  });
  test('a replica without Multi-AZ fails over for a host, not for a zone', () => {
    const t = { R: rg({ AutomaticFailoverEnabled: true, NumCacheClusters: 2 }) };
    expect(figures(t, 'R', 'instance')).toBe('60/1');
    expect(figures(t, 'R', 'az')).toBe('900/inf');
  });
  test('DynamoDB loses nothing in a zone; only a global table survives a Region', () => {
    expect(figures({ T: res('AWS::DynamoDB::Table') }, 'T', 'az')).toBe('0/0');
    expect(figures({ T: res('AWS::DynamoDB::Table') }, 'T', 'region')).toBe('inf/inf');
    expect(figures({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'a' }, { Region: 'b' }] }) }, 'T', 'region')).toBe('0/1');
  });
});

describe('compute and networking', () => {
  const subnets = { A: subnet(az(0)), B: subnet(az(1)), C: subnet(az(2)) };
  const asg = (min: number, ids: string[]) => res('AWS::AutoScaling::AutoScalingGroup', { MinSize: String(min), MaxSize: '9', VPCZoneIdentifier: ids.map(i => ({ Ref: i })) });
  test('a statically stable group loses only the health-check time in a zone failure', () => {
    expect(figures({ ...subnets, G: asg(3, ['A', 'B', 'C']) }, 'G', 'az')).toBe('60/0');
  });
  test('a group with fewer instances than zones must scale out after a zone failure', () => {
    expect(figures({ ...subnets, G: asg(2, ['A', 'B', 'C']) }, 'G', 'az')).toBe('600/0');
  });
  test('a group in one zone is down until the zone recovers; stateless tiers are redeployed after a Region failure', () => {
    expect(figures({ ...subnets, G: asg(2, ['A']) }, 'G', 'az')).toBe('inf/0');
    expect(figures({ ...subnets, G: asg(2, ['A', 'B']) }, 'G', 'region')).toBe('7200/0');
    expect(slaOf({ ...subnets, G: asg(2, ['A']) }, 'G')).toBe(99.5);
    expect(slaOf({ ...subnets, G: asg(2, ['A', 'B']) }, 'G')).toBe(99.99);
  });
  test('a single instance is replaced after its failure', () => {
    expect(figures({ ...subnets, G: asg(1, ['A', 'B']) }, 'G', 'instance')).toBe('300/0');
  });
  test('a NAT gateway shared by several zones cannot recover their traffic from a zone failure', () => {
    const t: Record<string, object> = {
      ...subnets,
      Nat: res('AWS::EC2::NatGateway', { SubnetId: { Ref: 'A' } }),
      Table: res('AWS::EC2::RouteTable'),
      Assoc: res('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'B' }, RouteTableId: { Ref: 'Table' } }),
      Route: res('AWS::EC2::Route', { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: { Ref: 'Nat' } }),
    };
    expect(figures(t, 'Nat', 'az')).toBe('inf/0');
  });
  test('custom resource handlers run only at deployment and are not part of the workload', () => {
    const t = { Handler: res('AWS::Lambda::Function'), Custom: res('Custom::Thing', { ServiceToken: { 'Fn::GetAtt': ['Handler', 'Arn'] } }), Api: res('AWS::Lambda::Function') };
    expect(figures(t, 'Handler', 'az')).toBe('none');
    expect(figures(t, 'Api', 'az')).toBe('0/0');
  });
});
