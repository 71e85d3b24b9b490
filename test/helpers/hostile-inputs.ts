/**
 * Generators of hostile and odd inputs for `cdk-ha check`, shared by the hostile-input tests and
 * the benchmark of their cost (scripts/bench/hostile.ts).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

type Loose = Record<string, unknown>;

/** A Single-AZ database: a template with one known finding (HA-RDS1 on `Db`), to show the other inputs are still checked. */
export const GOOD_TEMPLATE = { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql' } } } };
export const GOOD_YAML = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n';

/** Writes a file (creating its folder); objects are written as JSON. */
export function writeFile(file: string, content: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return file;
}

/** Makes a FIFO; false where the system has no `mkfifo`. */
export function makeFifo(file: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return spawnSync('mkfifo', [file]).status === 0;
}

/** `Fn::ForEach` loops nested `levels` deep, each over `items` names: items^levels queues. */
export function nestedForEach(levels: number, items: number): Loose {
  const names = Array.from({ length: items }, (_, i) => `I${i}`);
  const ids = Array.from({ length: levels }, (_, i) => `L${i}`);
  let body: Loose = { [`Q${ids.map(id => `\${${id}}`).join('')}`]: { Type: 'AWS::SQS::Queue' } };
  for (const id of [...ids].reverse()) body = { [`Fn::ForEach::${id}`]: [id, names, body] };
  return { Transform: 'AWS::LanguageExtensions', Resources: body };
}

/** One `Fn::ForEach` loop whose body is a resource of about `bodyBytes` bytes, over `items` names (optionally inside a loop over nothing). */
export function bulkyForEach(items: number, bodyBytes: number, emptyInner = false): Loose {
  const names = Array.from({ length: items }, (_, i) => `I${i}`);
  const resource = { Type: 'AWS::SQS::Queue', Metadata: { Padding: 'x'.repeat(bodyBytes) } };
  const body = emptyInner ? { 'Fn::ForEach::Inner': ['J', [], { 'Q${N}${J}': resource }] } : { 'Q${N}': resource };
  return { Transform: 'AWS::LanguageExtensions', Resources: { 'Fn::ForEach::Outer': ['N', names, body] } };
}

/** YAML aliases nested ten deep, ten times each: 10^10 nodes once expanded. */
export function aliasBomb(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *a9\n`;
}

/** A string of almost 1 MB, repeated 900 times through an alias: within the YAML library's alias limit, past any string's. */
export function hugeAliasString(): string {
  return `s: &s ${'x'.repeat(1_000_000)}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      L: [${Array(900).fill('*s').join(', ')}]\n`;
}

/** A mapping value that is `Fn::FindInMap` on itself. */
export function cyclicFindInMap(): Loose {
  const self = { 'Fn::FindInMap': ['M', 'K', 'V'] };
  return {
    Mappings: { M: { K: { V: self } } },
    Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', MultiAZ: self } } },
  };
}

/** A mapping value whose two keys are `Fn::FindInMap` on itself: evaluation branches at every level. */
export function branchingFindInMap(): Loose {
  const self = { 'Fn::FindInMap': ['M', 'K', 'V'] };
  const value = { 'Fn::FindInMap': ['M', self, self] };
  return {
    Mappings: { M: { K: { V: value } } },
    Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', MultiAZ: value } } },
  };
}

/** A mapping of `keys` keys looked up, with a key decided at deploy time, by `databases` databases. */
export function bigMapping(keys: number, databases: number): Loose {
  const map = Object.fromEntries(Array.from({ length: keys }, (_, i) => [`K${i}`, { V: `v${i % 7}` }]));
  const lookup = { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'V'] };
  const resources = Object.fromEntries(Array.from({ length: databases }, (_, i) => [`Db${i}`,
    { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', MultiAZ: lookup, DBInstanceClass: lookup } }]));
  return { Mappings: { M: map }, Resources: resources };
}

/** Two instances in us-east-1a and a third whose zone is a cyclic `Fn::FindInMap`. */
export function instancesWithCyclicZone(): Loose {
  const instance = (zone: unknown) => ({ Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', InstanceType: 't3.micro', AvailabilityZone: zone } });
  return {
    Mappings: { M: { K: { V: { 'Fn::FindInMap': ['M', 'K', 'V'] } } } },
    Resources: { A: instance('us-east-1a'), B: instance('us-east-1a'), C: instance({ 'Fn::FindInMap': ['M', 'K', 'V'] }) },
  };
}

/** A YAML template with `count` distinct preprocessor tags (`!A::b0`, `!A::b1`, ...). */
export function manyDirectives(count: number): string {
  return `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      L:\n${Array.from({ length: count }, (_, i) => `        - !A::b${i} x\n`).join('')}`;
}

/** `Fn::Sub` strings of `count` unclosed `${`, where a database, an alarm and a nested stack read them. */
export function unclosedSub(count: number): Loose {
  const sub = { 'Fn::Sub': '${a'.repeat(count) };
  return {
    Resources: {
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', MultiAZ: sub } },
      Cpu: { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'AWS/RDS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: sub }] } },
      Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: sub } },
    },
  };
}

/**
 * Templates `n0.json` to `n<levels>.json` in a folder, each nesting the next `fanOut` times; the last
 * holds `leafResources` resources of a type. Each nested stack is a stack of its own: fanOut^levels stacks.
 */
export function writeNestedFanOut(dir: string, levels: number, fanOut: number, leafResources = 1, type = 'AWS::SQS::Queue'): string {
  for (let level = 0; level <= levels; level++) {
    const resources = level < levels
      ? Object.fromEntries(Array.from({ length: fanOut }, (_, i) => [`N${i}`, { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: `n${level + 1}.json` } }]))
      : Object.fromEntries(Array.from({ length: leafResources }, (_, i) => [`R${i}`, { Type: type }]));
    writeFile(path.join(dir, `n${level}.json`), { Resources: resources });
  }
  return path.join(dir, 'n0.json');
}

/** A chain of conditions C0 -> C1 -> ... -> Cn, the last on a parameter, used by `databases` databases. */
export function conditionChain(conditions: number, databases: number): Loose {
  const chain: Loose = {};
  for (let i = 0; i < conditions; i++) chain[`C${i}`] = { Condition: `C${i + 1}` };
  chain[`C${conditions}`] = { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] };
  const resources: Loose = {};
  for (let i = 0; i < databases; i++) {
    resources[`Db${i}`] = { Type: 'AWS::RDS::DBInstance', Condition: 'C0', Properties: { Engine: 'mysql', MultiAZ: { 'Fn::If': ['C0', true, false] } } };
  }
  return { Parameters: { Env: { Type: 'String' } }, Conditions: chain, Resources: resources };
}

/** YAML that nests flow sequences `levels` deep: valid YAML. */
export function deepYaml(levels: number): string {
  return `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: ${'['.repeat(levels)}x${']'.repeat(levels)}\n`;
}

/** JSON that nests arrays `levels` deep. */
export function deepJson(levels: number): string {
  return `{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": ${'['.repeat(levels)}${']'.repeat(levels)}}}}}`;
}

/**
 * A template of about `count` resources as a CDK app writes them: a VPC with public and private
 * subnets in two zones, NAT gateways, an Auto Scaling group behind a load balancer, a database,
 * a table, a bucket, functions, queues with their dead-letter queues, topics and alarms.
 */
export function mixedTemplate(count: number, prefix = ''): Loose {
  const resources: Loose = {};
  const add = (id: string, type: string, properties: Loose = {}) => { resources[`${prefix}${id}`] = { Type: type, Properties: properties }; };
  const ref = (id: string) => ({ Ref: `${prefix}${id}` });
  const arn = (id: string) => ({ 'Fn::GetAtt': [`${prefix}${id}`, 'Arn'] });
  add('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
  for (const i of [0, 1]) {
    add(`Public${i}`, 'AWS::EC2::Subnet', { VpcId: ref('Vpc'), CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: { 'Fn::Select': [i, { 'Fn::GetAZs': '' }] }, MapPublicIpOnLaunch: true });
    add(`Private${i}`, 'AWS::EC2::Subnet', { VpcId: ref('Vpc'), CidrBlock: `10.0.1${i}.0/24`, AvailabilityZone: { 'Fn::Select': [i, { 'Fn::GetAZs': '' }] } });
    add(`Eip${i}`, 'AWS::EC2::EIP', { Domain: 'vpc' });
    add(`Nat${i}`, 'AWS::EC2::NatGateway', { SubnetId: ref(`Public${i}`), AllocationId: { 'Fn::GetAtt': [`${prefix}Eip${i}`, 'AllocationId'] } });
    add(`Routes${i}`, 'AWS::EC2::RouteTable', { VpcId: ref('Vpc') });
    add(`Default${i}`, 'AWS::EC2::Route', { RouteTableId: ref(`Routes${i}`), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref(`Nat${i}`) });
    add(`Assoc${i}`, 'AWS::EC2::SubnetRouteTableAssociation', { RouteTableId: ref(`Routes${i}`), SubnetId: ref(`Private${i}`) });
  }
  add('Topic', 'AWS::SNS::Topic');
  add('Launch', 'AWS::EC2::LaunchTemplate', { LaunchTemplateData: { ImageId: 'ami-12345678', InstanceType: 't3.micro' } });
  add('Lb', 'AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: [ref('Public0'), ref('Public1')] });
  add('Targets', 'AWS::ElasticLoadBalancingV2::TargetGroup', { VpcId: ref('Vpc'), Port: 80, Protocol: 'HTTP', HealthCheckPath: '/health' });
  add('Listener', 'AWS::ElasticLoadBalancingV2::Listener', { LoadBalancerArn: ref('Lb'), Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: ref('Targets') }] });
  add('Asg', 'AWS::AutoScaling::AutoScalingGroup', {
    MinSize: '2',
    MaxSize: '4',
    VPCZoneIdentifier: [ref('Private0'), ref('Private1')],
    TargetGroupARNs: [ref('Targets')],
    HealthCheckType: 'ELB',
    LaunchTemplate: { LaunchTemplateId: ref('Launch'), Version: { 'Fn::GetAtt': [`${prefix}Launch`, 'LatestVersionNumber'] } },
  });
  add('DbSubnets', 'AWS::RDS::DBSubnetGroup', { DBSubnetGroupDescription: 'db', SubnetIds: [ref('Private0'), ref('Private1')] });
  add('Db', 'AWS::RDS::DBInstance', { Engine: 'postgres', MultiAZ: true, DBSubnetGroupName: ref('DbSubnets'), BackupRetentionPeriod: 7, DeletionProtection: true });
  add('DbCpu', 'AWS::CloudWatch::Alarm', {
    Namespace: 'AWS/RDS',
    MetricName: 'CPUUtilization',
    Statistic: 'Average',
    Period: 60,
    EvaluationPeriods: 3,
    Threshold: 80,
    ComparisonOperator: 'GreaterThanThreshold',
    Dimensions: [{ Name: 'DBInstanceIdentifier', Value: ref('Db') }],
    AlarmActions: [ref('Topic')],
  });
  const fixed = Object.keys(resources).length;
  for (let i = 0; fixed + i * 5 + 5 <= count; i++) {
    add(`Table${i}`, 'AWS::DynamoDB::Table', { BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    add(`Bucket${i}`, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
    add(`Dlq${i}`, 'AWS::SQS::Queue', { MessageRetentionPeriod: 1209600 });
    add(`Queue${i}`, 'AWS::SQS::Queue', { RedrivePolicy: { deadLetterTargetArn: arn(`Dlq${i}`), maxReceiveCount: 3 } });
    add(`Fn${i}`, 'AWS::Lambda::Function', { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async () => {};' }, Role: 'arn:aws:iam::123456789012:role/fn' });
  }
  return { AWSTemplateFormatVersion: '2010-09-09', Resources: resources };
}

/** A folder of `templates` mixed templates of `resourcesEach` resources each. */
export function writeTemplateFolder(dir: string, templates: number, resourcesEach: number): string {
  for (let i = 0; i < templates; i++) writeFile(path.join(dir, `stack${i}.template.json`), mixedTemplate(resourcesEach, `S${i}`));
  return dir;
}
