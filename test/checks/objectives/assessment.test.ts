import { checkTemplate } from '../../../src/checks/engine';
import { assessWorkload } from '../../../src/checks/objectives/assessment';
import { Objectives, PRESETS } from '../../../src/checks/objectives/objectives';
import { az, modelOf, res, subnet, template } from '../../helpers/templates';

/** A web tier (load balancer, service in two zones) that points at a database, and an unrelated queue. */
function workload(dbProps: object = {}) {
  return template({
    A: subnet(az(0)),
    B: subnet(az(1)),
    Lb: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: [{ Ref: 'A' }, { Ref: 'B' }] }),
    Tg: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80 }),
    Listener: res('AWS::ElasticLoadBalancingV2::Listener', { LoadBalancerArn: { Ref: 'Lb' }, DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }] }),
    Service: res('AWS::ECS::Service', {
      DesiredCount: 2,
      LoadBalancers: [{ TargetGroupArn: { Ref: 'Tg' } }],
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [{ Ref: 'A' }, { Ref: 'B' }] } },
      TaskDefinition: { Ref: 'Task' },
    }),
    Task: res('AWS::ECS::TaskDefinition', { ContainerDefinitions: [{ Environment: [{ Name: 'DB', Value: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] } }] }] }),
    Db: res('AWS::RDS::DBInstance', { Engine: 'postgres', ...dbProps }),
    Queue: res('AWS::SQS::Queue'),
  });
}

const assessed = (t: object, o: Objectives | undefined) => {
  const model = modelOf(t as any);
  return assessWorkload({ workload: model.workload, stacks: [model], objectives: o });
};

describe('composite availability', () => {
  test('serial dependencies found through references multiply: ALB x service x Multi-AZ RDS', () => {
    const a = assessed(workload({ MultiAZ: true }), undefined);
    const web = a.groups.find(g => g.members.includes('Db'))!;
    expect(web.members.sort()).toEqual(['Db', 'Lb', 'Service']);
    expect(web.availabilityPercent).toBeCloseTo(100 * 0.9999 * 0.9999 * 0.9995, 6);
  });
  test('unrelated resources form their own group; the weakest group is the estimate', () => {
    const a = assessed(workload(), undefined);
    expect(a.groups.map(g => [...g.members].sort().join(',')).sort()).toEqual(['Db,Lb,Service', 'Queue']);
    expect(a.availability.estimatePercent).toBeCloseTo(100 * 0.9999 * 0.9999 * 0.995, 6);
  });
});

describe('judging objectives', () => {
  const objectives: Objectives = { tier: 'production', availabilityPercent: 99.9, surviveRegionFailure: false, az: { rtoSeconds: 15 * 60, rpoSeconds: 300 } };

  test('met, breached and not required', () => {
    const good = assessed(workload({ MultiAZ: true }), objectives);
    expect(good.recovery.az.rto).toMatchObject({ verdict: 'met', estimateSeconds: 120, weakestLink: 'Db' });
    expect(good.availability.verdict).toBe('met');
    expect(good.recovery.region.rto.verdict).toBe('not-required');
    const bad = assessed(workload(), objectives);
    expect(bad.recovery.az.rto).toMatchObject({ verdict: 'breached', estimateSeconds: 3600, objectiveSeconds: 900, weakestLink: 'Db' });
    expect(bad.availability).toMatchObject({ verdict: 'breached', objectivePercent: 99.9 });
  });

  test('"survive a Region failure" without Region numbers is breached by what cannot be recovered in another Region', () => {
    const survive: Objectives = { ...objectives, surviveRegionFailure: true };
    const a = assessed(workload({ MultiAZ: true }), survive);
    // The database's data stays in its Region: nothing brings it back elsewhere.
    expect(a.recovery.region.rpo).toMatchObject({ verdict: 'breached', weakestLink: 'Db', objectiveSeconds: undefined });
    expect(a.recovery.region.rpo.estimateSeconds).toBe(Infinity);
    // Without the wish to survive a Region, the same workload has no Region objective to breach.
    expect(assessed(workload({ MultiAZ: true }), objectives).recovery.region.rpo.verdict).toBe('not-required');
  });

  test('an undecided component makes a verdict unknown, unless a decided one already breaches', () => {
    const undecided = assessed(workload({ MultiAZ: { Ref: 'P' } }), objectives);
    expect(undecided.recovery.az.rto.verdict).toBe('unknown');
    expect(undecided.recovery.az.rto.undecided).toEqual([expect.stringMatching(/^Db: MultiAZ is/)]);
  });

  test('breaches are findings that name the resource and by how much', () => {
    const t = { ...workload(), Metadata: { 'cdk-ha': { objectives: { availability: 99.9, az: { rto: '15m', rpo: '5m' } } } } };
    const result = checkTemplate(modelOf(t));
    const messages = result.findings.filter(f => f.ruleId.startsWith('HA-OBJ')).map(f => `${f.ruleId} ${f.logicalId}: ${f.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^HA-OBJ1 Db: Availability Zone failure RTO objective 15 min, estimated 1 h for Db \(RDS Single-AZ instance\): restore from backup/),
      expect.stringMatching(/^HA-OBJ3 Db: Availability target 99.9%, estimated 99\.48\d% for the workload of .*; its weakest member is Db/),
    ]);
    expect(result.assessment!.objectives!.availabilityPercent).toBe(99.9);
  });

  test('in a non-production stack single points of failure are advice', () => {
    const t = { ...workload(), Metadata: { 'cdk-ha': { objectives: 'non-production' } } };
    const rds1 = checkTemplate(modelOf(t)).findings.find(f => f.ruleId === 'HA-RDS1')!;
    expect(rds1.severity).toBe('info');
    expect(checkTemplate(modelOf(workload())).findings.find(f => f.ruleId === 'HA-RDS1')!.severity).toBe('error');
  });

  test('objectives passed in override those the template declares', () => {
    const t = { ...workload(), Metadata: { 'cdk-ha': { objectives: 'non-production' } } };
    expect(checkTemplate(modelOf(t), undefined, { objectives: PRESETS['mission-critical'] }).assessment!.objectives).toBe(PRESETS['mission-critical']);
  });
});
