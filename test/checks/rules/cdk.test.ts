import { App, CfnParameter, Stack, Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { checkStack, summaryOf } from '../../helpers/templates';

/** Rules on what real CDK constructs synthesize, environment-agnostic (two symbolic zones) and with literal zones. */
function newStack(env?: { account: string; region: string }): Stack {
  const app = new App({
    context: env ? { [`availability-zones:account=${env.account}:region=${env.region}`]: [`${env.region}a`, `${env.region}b`, `${env.region}c`] } : {},
  });
  return new Stack(app, 'S', { env });
}
const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
const only = (stack: Stack, ruleId: string) => summaryOf(checkStack(stack)).filter(s => s.startsWith(`${ruleId} `));

describe('VPC', () => {
  test('one NAT gateway per zone passes; one for all zones fails on its NAT gateway', () => {
    const good = newStack();
    new ec2.Vpc(good, 'Vpc', { maxAzs: 2 });
    expect(only(good, 'HA-VPC1')).toEqual([]);
    const bad = newStack();
    new ec2.Vpc(bad, 'Vpc', { maxAzs: 2, natGateways: 1 });
    expect(only(bad, 'HA-VPC1')).toEqual(['HA-VPC1 VpcPublicSubnet1NATGateway4D7517AA fail']);
  });

  test('with literal zones from the environment', () => {
    const stack = newStack({ account: '111111111111', region: 'eu-west-1' });
    new ec2.Vpc(stack, 'Vpc', { maxAzs: 3, natGateways: 2 });
    const [finding] = checkStack(stack).findings.filter(f => f.ruleId === 'HA-VPC1');
    expect(finding.message).toMatch(/in eu-west-1a .*Private.*\(eu-west-1c\)/);
  });
});

describe('RDS', () => {
  test('a Single-AZ instance fails, a Multi-AZ one passes, a parameter is unknown', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new rds.DatabaseInstance(stack, 'Single', { engine, vpc });
    new rds.DatabaseInstance(stack, 'Multi', { engine, vpc, multiAz: true });
    const flag = new CfnParameter(stack, 'MultiAz', { type: 'String', allowedValues: ['true', 'false'] });
    const db = new rds.DatabaseInstance(stack, 'FromParam', { engine, vpc });
    (db.node.defaultChild as rds.CfnDBInstance).multiAz = Token.asAny(flag.valueAsString) as any;
    expect(only(stack, 'HA-RDS1').map(s => s.replace(/[0-9A-F]{8} /, ' '))).toEqual(['HA-RDS1 FromParam unknown', 'HA-RDS1 Single fail']);
  });

  test('property overrides are what the checks see', () => {
    const stack = newStack();
    const db = new rds.DatabaseInstance(stack, 'Db', { engine, vpc: new ec2.Vpc(stack, 'Vpc') });
    (db.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('MultiAZ', true);
    expect(only(stack, 'HA-RDS1')).toEqual([]);
  });

  test('an Aurora cluster needs a reader', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const auroraEngine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
    new rds.DatabaseCluster(stack, 'Alone', { engine: auroraEngine, vpc, writer: rds.ClusterInstance.provisioned('Writer') });
    new rds.DatabaseCluster(stack, 'Pair', { engine: auroraEngine, vpc, writer: rds.ClusterInstance.provisioned('Writer'), readers: [rds.ClusterInstance.provisioned('Reader')] });
    expect(only(stack, 'HA-RDS2').map(s => s.replace(/[0-9A-F]{8} /, ' '))).toEqual(['HA-RDS2 Alone fail']);
  });
});

describe('compute', () => {
  test('an Auto Scaling group across the VPC passes the zone rule; its default minimum of 1 is flagged', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new autoscaling.AutoScalingGroup(stack, 'Asg', {
      vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    });
    expect(summaryOf(checkStack(stack)).filter(s => /^HA-ASG[12] /.test(s))).toEqual([expect.stringMatching(/^HA-ASG2 Asg.* fail$/)]);
  });

  test('a group limited to one zone fails', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new autoscaling.AutoScalingGroup(stack, 'Asg', {
      vpc,
      vpcSubnets: { subnets: [vpc.privateSubnets[0]] },
      minCapacity: 2,
      instanceType: new ec2.InstanceType('t3.micro'),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    });
    expect(only(stack, 'HA-ASG1')).toEqual([expect.stringMatching(/^HA-ASG1 Asg.* fail$/)]);
  });

  test('a Fargate service without a desired count runs one task', () => {
    const stack = newStack();
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc') });
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('web', { image: ecs.ContainerImage.fromRegistry('nginx') });
    new ecs.FargateService(stack, 'Service', { cluster, taskDefinition: task });
    new ecs.FargateService(stack, 'Scaled', { cluster, taskDefinition: task }).autoScaleTaskCount({ minCapacity: 2, maxCapacity: 4 });
    expect(only(stack, 'HA-ECS1').map(s => s.replace(/[0-9A-F]{8} /, ' '))).toEqual(['HA-ECS1 Service fail']);
  });

  test('a function in one subnet fails; one in every private subnet passes', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const code = lambda.Code.fromInline('exports.handler = async () => {}');
    new lambda.Function(stack, 'One', { vpc, vpcSubnets: { subnets: [vpc.privateSubnets[1]] }, code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_20_X });
    new lambda.Function(stack, 'All', { vpc, code, handler: 'index.handler', runtime: lambda.Runtime.NODEJS_20_X });
    expect(only(stack, 'HA-LAMBDA1').map(s => s.replace(/[0-9A-F]{8} /, ' '))).toEqual(['HA-LAMBDA1 One fail']);
  });
});

describe('data', () => {
  test('tables with and without point-in-time recovery', () => {
    const stack = newStack();
    const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };
    new dynamodb.Table(stack, 'Plain', { partitionKey });
    new dynamodb.Table(stack, 'Recoverable', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    new dynamodb.TableV2(stack, 'Global', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    expect(only(stack, 'HA-DDB1').map(s => s.replace(/[0-9A-F]{8} /, ' '))).toEqual(['HA-DDB1 Plain fail']);
  });

  test('a cache replication group with defaults cannot fail over and is not Multi-AZ', () => {
    const stack = newStack();
    new elasticache.CfnReplicationGroup(stack, 'Cache', { replicationGroupDescription: 'c', cacheNodeType: 'cache.t4g.micro', engine: 'valkey' });
    expect(summaryOf(checkStack(stack)).filter(s => /^HA-CACHE[12] /.test(s))).toEqual(['HA-CACHE1 Cache fail', 'HA-CACHE2 Cache fail']);
  });
});
