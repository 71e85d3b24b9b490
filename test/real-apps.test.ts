import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './helpers/apps';

/** Cloud assemblies of ten public CDK apps (see test/corpus/real-cdk-apps/README.md). */
const APPS_DIR = path.join(__dirname, 'corpus', 'real-cdk-apps');
const APPS = fs.readdirSync(APPS_DIR, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort();

function templatesIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? templatesIn(full) : e.name.endsWith('.template.json') ? [full] : [];
  });
}

/** `ruleId logicalId template` of each failed finding of a check. */
function failures(args: string[]): Set<string> {
  const run = runCli(['check', ...args, '--format', 'json', '--fail-on', 'never']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return new Set(JSON.parse(run.stdout).findings.filter((f: any) => f.status === 'fail')
    .map((f: any) => `${f.ruleId} ${f.logicalId} ${path.basename(f.templatePath)}`));
}

/**
 * Every finding on each app, judged as a reviewer of that architecture would: `ruleId logicalId
 * status severity` with a one-line reason. A blocking finding (error or warning) must be a weakness
 * to fix in that app ("weakness: ..."); the rest is advice ("advice: ..."), shown as info.
 */
const REVIEWED: Record<string, [string, string][]> = {
  'discourse': [
    ['HA-VPC1 DiscourseNetworkVpcpublicSubnet1NATGateway67D1C8CD fail error', 'weakness: the one NAT gateway, in us-east-1a, is the only internet route of the app subnet in us-east-1b'],
    ['HA-CACHE1 DiscourseRedisRedis fail error', 'weakness: Redis (sessions, job queues) is one node without failover: losing it stops the forum'],
    ['HA-RDS2 DiscourseAuroraServerlessV2PostgresC210CAAD fail error', 'weakness: the Aurora cluster has a writer and no replica to promote'],
    ['HA-ASG2 DiscourseEC2AutoScalingGroupASG727E2DB2 fail warning', 'weakness: MinSize 1: the forum can run on one instance, whose failure is an outage'],
    ['HA-CACHE4 DiscourseRedisRedis fail info', 'advice: no Redis snapshots; its queues and caches are rebuilt from the database'],
    ['HA-RDS4 DiscourseAuroraServerlessV2PostgresC210CAAD fail info', 'advice: no deletion protection; the Snapshot policy keeps a final snapshot'],
    ['HA-RDS5 DiscourseAuroraServerlessV2PostgresC210CAAD fail info', 'advice: the 1-day default backup retention'],
    ['HA-ALARM1 DiscourseAuroraServerlessV2PostgresC210CAAD fail info', 'advice: no alarm on the database, and no objectives that need one'],
    ['HA-BUCKET1 DiscourseS3PublicBucket26CF2A71 fail info', 'advice: the uploads bucket is unversioned'],
    ['HA-DATA1 DiscourseS3PublicBucket26CF2A71 fail info', 'advice: the uploads bucket is emptied and deleted with the stack; an RPO would make it a warning'],
    ['HA-ELB3 DiscourseEC2LoadBalancerB06492E4 fail info', 'advice: no deletion protection on the load balancer'],
    ['HA-ALARM1 DiscourseEC2LoadBalancerB06492E4 fail info', 'advice: no alarm on the load balancer'],
    ['HA-ASG4 DiscourseEC2AutoScalingGroupASG727E2DB2 fail info', 'advice: one instance type'],
    ['HA-ARC1 DiscourseEC2AutoScalingGroupASG727E2DB2 fail info', 'advice: the group in two zones cannot be shifted away from an impaired one; no objectives make it a warning'],
    ['HA-ARC1 DiscourseEC2LoadBalancerB06492E4 fail info', 'advice: zonal shift is off on the load balancer in two zones'],
    ['HA-CDN1 DiscourseCloudFrontALBCloudFrontDistributionB85B41E1 fail info', 'advice: no origin failover behind the distribution'],
  ],
  'eks-pipeline': [],
  'ex-alb': [
    ['HA-ASG2 ASG46ED3070 fail error', 'weakness: MinSize 1 and MaxSize 1: one instance behind the load balancer, so any instance failure is an outage'],
    ['HA-ASG3 ASG46ED3070 fail warning', 'weakness: EC2 health checks only: an instance whose web server fails stays in service'],
    ['HA-ELB3 LB8A12904C fail info', 'advice: no deletion protection on the load balancer'],
    ['HA-ALARM1 LB8A12904C fail info', 'advice: no alarm on the load balancer'],
    ['HA-ELB6 LBListenerTargetGroupF04FCF6D fail info', 'advice: the health check reads "/"'],
    ['HA-ASG4 ASG46ED3070 fail info', 'advice: one instance type'],
    ['HA-ARC1 ASG46ED3070 fail info', 'advice: zonal shift is off on the group in two zones (its one instance makes HA-ASG2 the real problem)'],
    ['HA-ARC1 LB8A12904C fail info', 'advice: zonal shift is off on the load balancer in two zones'],
  ],
  'ex-clb': [
    ['HA-ASG2 ASG46ED3070 fail error', 'weakness: MinSize 1 and MaxSize 1: one instance behind the load balancer, so any instance failure is an outage'],
    ['HA-ASG3 ASG46ED3070 fail warning', 'weakness: EC2 health checks only: an instance whose web server fails stays in service'],
    ['HA-ELB5 LB8A12904C fail info', 'advice: no connection draining'],
    ['HA-ALARM1 LB8A12904C fail info', 'advice: no alarm on the load balancer'],
    ['HA-ASG4 ASG46ED3070 fail info', 'advice: one instance type'],
    ['HA-ARC1 ASG46ED3070 fail info', 'advice: zonal shift is off on the group in two zones; a Classic Load Balancer has no zonal shift at all'],
  ],
  'ex-ddb-global': [
    ['HA-DDB1 globaltable fail warning', 'weakness: no point-in-time recovery on any replica: a bad write reaches every Region and cannot be undone'],
    ['HA-DDB2 globaltable fail info', 'advice: no deletion protection on the replicas (one finding for the three)'],
    ['HA-DATA1 multiregioncmk fail info', 'advice: the key has the default Delete policy; its deletion waits 30 days and can be cancelled'],
  ],
  'ex-ec2': [
    ['HA-INSTANCE1 EC2Instance1F00751C57ee729c1274d778 fail info', 'advice: a host reachable only on SSH that serves nothing: losing it loses access, not the workload'],
    ['HA-BACKUP1 EC2Instance1F00751C57ee729c1274d778 fail info', 'advice: no backup plan for the instance\'s root volume'],
  ],
  'ex-fsx-ad': [],
  'ex-mq': [
    ['HA-MQ1 RabbitMqBrokerE7F26F68 fail error', 'weakness: a single-instance RabbitMQ broker: a zone failure cuts producers and consumers off'],
  ],
  'ex-mysql': [
    ['HA-RDS1 MysqlDatabase645976E7 fail error', 'weakness: a Single-AZ MySQL instance'],
    ['HA-RDS4 MysqlDatabase645976E7 fail info', 'advice: no deletion protection, and a Delete policy (one finding with HA-DATA1\'s)'],
    ['HA-ALARM1 MysqlDatabase645976E7 fail info', 'advice: no alarm on the database'],
  ],
  'keycloak': [
    ['HA-VPC1 KeyCloakVpcPublicSubnet1NATGateway923A52EE fail error', 'weakness: one NAT gateway for three zones: tasks in the other two lose outbound access with us-east-1a'],
    ['HA-ELB3 KeyCloakKeyCloakContainerServiceALBF769E7D3 fail info', 'advice: no deletion protection on the load balancer'],
    ['HA-ALARM1 KeyCloakKeyCloakContainerServiceALBF769E7D3 fail info', 'advice: no alarm on the load balancer'],
    ['HA-ARC1 KeyCloakKeyCloakContainerServiceALBF769E7D3 fail info', 'advice: zonal shift is off on the load balancer in two zones'],
    ['HA-ELB6 KeyCloakKeyCloakContainerServiceALBHttpsListenerECSTargetGroup65B43774 fail info', 'advice: the health check reads "/"'],
    ['HA-ECS3 KeyCloakKeyCloakContainerServiceB78EDF48 fail info', 'advice: no deployment circuit breaker'],
    ['HA-ECS3 KeyCloakKeyCloakContainerServiceB78EDF48 fail info', 'advice: a deployment may run one of the two tasks'],
    ['HA-RDS6 KeyCloakDatabaseDBCluster06E9C0E1 fail info', 'advice: no backtrack window'],
    ['HA-ALARM1 KeyCloakDatabaseDBCluster06E9C0E1 fail info', 'advice: no alarm on the database'],
  ],
};

/** Every finding of a check of the app's cloud assembly, as `ruleId logicalId status severity`. */
function findingsOf(app: string): string[] {
  const run = runCli(['check', path.join(APPS_DIR, app), '--format', 'json', '--fail-on', 'never']);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout).findings.map((f: any) => `${f.ruleId} ${f.logicalId} ${f.status} ${f.severity}`).sort();
}

test('the corpus holds the ten apps, each reviewed', () => {
  expect(APPS).toHaveLength(10);
  expect(Object.keys(REVIEWED).sort()).toEqual(APPS);
});

describe.each(APPS)('%s', app => {
  test('its findings are the reviewed ones, and every blocking finding is a weakness of that app', () => {
    const reviewed = REVIEWED[app];
    expect(findingsOf(app)).toEqual(reviewed.map(([finding]) => finding).sort());
    for (const [finding, reason] of reviewed) {
      expect(reason).toMatch(/ (error|warning)$/.test(finding) ? /^weakness: / : /^advice: /);
    }
  });

  test('checking the folder of its templates alone finds what checking its cloud assembly finds', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `cdk-ha-${app}-`));
    try {
      // The same templates side by side, without the manifest and asset manifests: nested stacks are linked by CDK's names.
      for (const file of templatesIn(path.join(APPS_DIR, app))) fs.copyFileSync(file, path.join(folder, path.basename(file)));
      expect([...failures([folder])].sort()).toEqual([...failures([path.join(APPS_DIR, app)])].sort());
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
