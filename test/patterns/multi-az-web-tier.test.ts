import { App, CfnParameter, Annotations as CoreAnnotations, Duration, Stack, StackProps } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { MultiAzWebTier, MultiAzWebTierProps, WebTierCompute } from '../../src/patterns/multi-az-web-tier';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** A stack with an account and Region whose three zones are known from context, as after `cdk synth` with credentials. */
function envStack(props: StackProps = {}): Stack {
  const app = new App({ context: { [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ZONES } });
  return new Stack(app, 'Shop', { env: { account: ACCOUNT, region: REGION }, ...props });
}

/** An environment-agnostic stack: CDK sees two zones, as `Fn::Select` tokens. */
function agnosticStack(): Stack {
  return new Stack(new App(), 'Shop');
}

const ec2Compute = (extra: Partial<Parameters<typeof WebTierCompute.autoScaling>[0]> = {}) => WebTierCompute.autoScaling({
  instanceType: new ec2.InstanceType('t3.small'),
  machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  ...extra,
});
const fargateCompute = (extra: Partial<Parameters<typeof WebTierCompute.fargate>[0]> = {}) => WebTierCompute.fargate({
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
  ...extra,
});

function tier(stack: Stack, props: Partial<MultiAzWebTierProps> = {}): MultiAzWebTier {
  return new MultiAzWebTier(stack, 'Web', { compute: fargateCompute(), capacity: { needed: 4 }, ...props });
}

function certificate(stack: Stack): acm.ICertificate {
  return acm.Certificate.fromCertificateArn(stack, 'Certificate', `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/abc`);
}

/** The zones of the subnets a list of `{ Ref }` names, read from the template. */
function zonesOfSubnets(template: Template, refs: Array<{ Ref: string }>): string[] {
  const subnets = template.findResources('AWS::EC2::Subnet');
  return refs.map(r => subnets[r.Ref].Properties.AvailabilityZone).sort();
}

function onlyResource(template: Template, type: string): { [key: string]: any } {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0];
}

function warningIds(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue())
    .map(w => String(w.entry.data).match(/\[ack: ([^\]]+)\]/)?.[1] ?? String(w.entry.data)).sort();
}

describe('MultiAzWebTier on Fargate', () => {
  const stack = envStack();
  const web = tier(stack);
  const template = Template.fromStack(stack);

  test('creates a VPC across three zones with one NAT gateway per zone and flow logs', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
    const zones = Object.values(template.findResources('AWS::EC2::Subnet')).map(s => s.Properties.AvailabilityZone);
    expect([...new Set(zones)].sort()).toEqual(ZONES);
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3' });
    expect(web.availabilityZones).toEqual(ZONES);
  });

  test('computes the statically stable minimum: 4 needed over 3 zones is 6, twice that the maximum', () => {
    expect(web.minimumCapacity).toBe(6);
    expect(web.maximumCapacity).toBe(12);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 6,
      MaxCapacity: 12,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
  });

  test('runs the tasks in private subnets of every zone, behind the load balancer, with a rolling circuit breaker', () => {
    const service = onlyResource(template, 'AWS::ECS::Service');
    const network = service.Properties.NetworkConfiguration.AwsvpcConfiguration;
    expect(zonesOfSubnets(template, network.Subnets)).toEqual(ZONES);
    expect(network.AssignPublicIp).toBe('DISABLED');
    // No desired count: a deployment never resets what scaling added; the scalable target keeps the minimum.
    expect(service.Properties.DesiredCount).toBeUndefined();
    expect(service.Properties).toMatchObject({
      LaunchType: 'FARGATE',
      HealthCheckGracePeriodSeconds: 60,
      AvailabilityZoneRebalancing: 'ENABLED',
      DeploymentConfiguration: {
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      },
      LoadBalancers: [{ ContainerName: 'Web', ContainerPort: 80, TargetGroupArn: { Ref: expect.stringMatching(/^WebTargetGroup/) } }],
    });
    expect(web.service).toBeDefined();
    expect(web.autoScalingGroup).toBeUndefined();
  });

  test('checks health on the traffic port with short intervals and drains targets in 30 seconds', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Port: 80,
      Protocol: 'HTTP',
      HealthCheckEnabled: true,
      HealthCheckPath: '/',
      HealthCheckProtocol: 'HTTP',
      HealthCheckIntervalSeconds: 10,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200-299' },
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
    });
  });

  test('scales on CPU and on requests per target', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 50,
      }),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
        TargetValue: 1000,
      }),
    });
  });

  test('enables Container Insights and sends container logs to a retained log group', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 }, DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '512',
      Memory: '1024',
      RequiresCompatibilities: ['FARGATE'],
      ContainerDefinitions: [Match.objectLike({
        Name: 'Web',
        PortMappings: [{ ContainerPort: 80, Protocol: 'tcp' }],
        LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
      })],
    });
  });

  test('has alarms for unhealthy hosts, healthy hosts in each zone, 5xx and latency, each notifying the topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(6);
    expect(web.alarms).toHaveLength(6);
    const topic = { Ref: Match.stringLikeRegexp('WebAlarmTopic') };
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([expect.objectContaining({ Ref: expect.stringMatching(/^WebAlarmTopic/) })]);
      expect(alarm.Properties.OKActions).toEqual(alarm.Properties.AlarmActions);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'UnHealthyHostCount', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [topic],
    });
    // 6 tasks over 3 zones: each zone should keep 2 healthy.
    const perZone = alarms.filter(a => a.Properties.MetricName === 'HealthyHostCount');
    expect(perZone.map(a => a.Properties.Dimensions.find((d: any) => d.Name === 'AvailabilityZone').Value).sort()).toEqual(ZONES);
    for (const a of perZone) expect(a.Properties).toMatchObject({ Threshold: 2, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 5,
      Metrics: Match.arrayWith([Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'HTTPCode_ELB_5XX_Count' }) }) })]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'TargetResponseTime', ExtendedStatistic: 'p99', Threshold: 1 });
  });

  test('creates an encrypted, TLS-only alarm topic', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    expect(web.alarmTopic).toBeDefined();
  });

  test('the tasks accept traffic only from the load balancer, on the container port', () => {
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(ingress).toHaveLength(1);
    expect(ingress[0].Properties).toMatchObject({
      IpProtocol: 'tcp',
      FromPort: 80,
      ToPort: 80,
      GroupId: { 'Fn::GetAtt': [expect.stringMatching(/^WebComputeSecurityGroup/), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^WebLoadBalancerSecurityGroup/), 'GroupId'] },
    });
    const compute = template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('Instances or tasks') } });
    expect(Object.values(compute)[0].Properties.SecurityGroupIngress).toBeUndefined();
  });

  test('without a certificate it serves HTTP only and warns, acknowledgeably', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTP', Port: 80 });
    expect(warningIds(stack)).toEqual(['@cdk-ha/patterns:httpOnly']);
    Annotations.fromStack(stack).hasWarning('/Shop/Web', Match.stringLikeRegexp("MultiAzWebTier at 'Shop/Web' serves plain HTTP.*Give a certificate"));

    const acked = envStack();
    const t = tier(acked);
    CoreAnnotations.of(t).acknowledgeWarning('@cdk-ha/patterns:httpOnly', 'Behind CloudFront, which terminates TLS');
    expect(warningIds(acked)).toEqual([]);
  });

  test('exposes the connections of the tasks, so a database can let them in', () => {
    const other = envStack();
    const otherWeb = tier(other);
    const db = new ec2.SecurityGroup(other, 'Db', { vpc: otherWeb.vpc });
    db.connections.allowFrom(otherWeb, ec2.Port.tcp(5432));
    Template.fromStack(other).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 5432,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebComputeSecurityGroup'), 'GroupId'] },
    });
  });
});

describe('MultiAzWebTier on EC2 Auto Scaling', () => {
  const stack = envStack();
  const web = tier(stack, { compute: ec2Compute(), certificate: certificate(stack) });
  const template = Template.fromStack(stack);

  test('spreads the group over every zone with the computed minimum and the load balancer health checks', () => {
    const asg = onlyResource(template, 'AWS::AutoScaling::AutoScalingGroup');
    expect(zonesOfSubnets(template, asg.Properties.VPCZoneIdentifier)).toEqual(ZONES);
    expect(asg.Properties).toMatchObject({
      MinSize: '6',
      MaxSize: '12',
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
      TargetGroupARNs: [{ Ref: expect.stringMatching(/^WebTargetGroup/) }],
    });
    // No desired capacity: a deployment never resets what scaling added.
    expect(asg.Properties.DesiredCapacity).toBeUndefined();
    expect(web.autoScalingGroup).toBeDefined();
    expect(web.service).toBeUndefined();
  });

  test('may launch an interchangeable second instance type when a zone runs short of the first', () => {
    const asg = onlyResource(template, 'AWS::AutoScaling::AutoScalingGroup');
    expect(asg.Properties.LaunchTemplate).toBeUndefined();
    expect(asg.Properties.MixedInstancesPolicy).toEqual({
      InstancesDistribution: { OnDemandAllocationStrategy: 'prioritized', OnDemandPercentageAboveBaseCapacity: 100 },
      LaunchTemplate: {
        LaunchTemplateSpecification: { LaunchTemplateId: { Ref: expect.stringMatching(/^WebLaunchTemplate/) }, Version: expect.anything() },
        Overrides: [{ InstanceType: 't3.small' }, { InstanceType: 't3a.small' }],
      },
    });
  });

  test('rolling updates keep the minimum in service and replace one zone at a time', () => {
    const asg = onlyResource(template, 'AWS::AutoScaling::AutoScalingGroup');
    expect(asg.UpdatePolicy.AutoScalingRollingUpdate).toMatchObject({ MinInstancesInService: 6, MaxBatchSize: 2, PauseTime: 'PT5M' });
  });

  test('launches instances with IMDSv2, an encrypted root volume, no key pair and only the compute security group', () => {
    const data = onlyResource(template, 'AWS::EC2::LaunchTemplate').Properties.LaunchTemplateData;
    expect(data.MetadataOptions).toMatchObject({ HttpTokens: 'required' });
    expect(data.BlockDeviceMappings).toEqual([{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeType: 'gp3', DeleteOnTermination: true } }]);
    expect(data.KeyName).toBeUndefined();
    expect(data.Monitoring).toEqual({ Enabled: true });
    expect(data.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^WebComputeSecurityGroup/), 'GroupId'] }]);
  });

  test('gives the instances a role that allows Session Manager and nothing else', () => {
    const role = onlyResource(template, 'AWS::IAM::Role');
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toEqual([{
      PolicyName: 'SessionManager',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Resource: '*',
          Action: ['ssm:UpdateInstanceInformation', 'ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel',
            'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        }],
      },
    }]);
  });

  test('serves HTTPS with the certificate and redirects HTTP to it, without a warning', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTPS',
      Port: 443,
      Certificates: [{ CertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/abc` }],
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('WebTargetGroup') } }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Port: '443', Protocol: 'HTTPS', StatusCode: 'HTTP_301' } }],
    });
    expect(web.redirectListener).toBeDefined();
    expect(warningIds(stack)).toEqual([]);
  });

  test('opens 80 and 443 on the load balancer only, and the traffic port on the instances only to the load balancer', () => {
    const lbGroup = Object.values(template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('ELB') } }))[0];
    expect(lbGroup.Properties.SecurityGroupIngress.map((r: any) => [r.CidrIp, r.FromPort, r.ToPort]).sort())
      .toEqual([['0.0.0.0/0', 443, 443], ['0.0.0.0/0', 80, 80]]);
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(ingress.map(i => [i.Properties.FromPort, i.Properties.ToPort])).toEqual([[80, 80]]);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"FromPort":22\b/);
  });

  test('turns on deletion protection, invalid header dropping and access logs to an encrypted, versioned bucket', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('WebLogBucket') } },
        { Key: 'access_logs.s3.prefix', Value: 'alb' },
      ]),
    });
    const lb = onlyResource(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(zonesOfSubnets(template, lb.Properties.Subnets)).toEqual(ZONES);
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('scales on CPU and on requests per target', () => {
    template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      TargetTrackingConfiguration: Match.objectLike({ PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 }),
    });
    template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      TargetTrackingConfiguration: Match.objectLike({
        PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
        TargetValue: 1000,
      }),
    });
  });

  test('in a Region it knows, access logs use the Elastic Load Balancing account of the Region', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:PutObject', Principal: { AWS: Match.anyValue() } })]) },
    });
  });
});

describe('options', () => {
  test('health check, deregistration, scaling, thresholds, ports and sizes are configurable', () => {
    const stack = envStack();
    tier(stack, {
      compute: ec2Compute({ port: 8080, healthCheckGracePeriod: Duration.minutes(2), rootDeviceName: '/dev/sda1', rootVolumeSize: 30 }),
      capacity: { needed: 2, maximum: 9 },
      healthCheck: { path: '/health', interval: Duration.seconds(15), timeout: Duration.seconds(4), healthyThresholdCount: 3, unhealthyThresholdCount: 3, healthyHttpCodes: '200' },
      deregistrationDelay: Duration.seconds(10),
      scaling: { targetCpuUtilizationPercent: 60, targetRequestsPerMinute: 500 },
      alarmThresholds: { loadBalancer5xxPercent: 1, targetResponseTime: Duration.millis(500) },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080,
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 4,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 3,
      Matcher: { HttpCode: '200' },
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }]),
    });
    // 2 needed over 3 zones: ceil(3) = 3, one per zone.
    t.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '3', MaxSize: '9', HealthCheckGracePeriod: 120 });
    t.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: Match.objectLike({ VolumeSize: 30, Encrypted: true }) }] }),
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 8080, ToPort: 8080 });
    t.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', { TargetTrackingConfiguration: Match.objectLike({ TargetValue: 60 }) });
    t.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', { TargetTrackingConfiguration: Match.objectLike({ TargetValue: 500 }) });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'TargetResponseTime', Threshold: 0.5 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 1, Metrics: Match.anyValue() });
    // One per zone: 3 over 3 zones.
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'HealthyHostCount', Threshold: 1 });
  });

  test('instance types: explicit alternatives, or only the one given', () => {
    const listed = envStack();
    tier(listed, { compute: ec2Compute({ instanceType: new ec2.InstanceType('m7g.large'), machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }), additionalInstanceTypes: [new ec2.InstanceType('m6g.large'), new ec2.InstanceType('m8g.large')] }) });
    Template.fromStack(listed).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MixedInstancesPolicy: Match.objectLike({
        LaunchTemplate: Match.objectLike({ Overrides: [{ InstanceType: 'm7g.large' }, { InstanceType: 'm6g.large' }, { InstanceType: 'm8g.large' }] }),
      }),
    });

    const single = envStack();
    tier(single, { compute: ec2Compute({ additionalInstanceTypes: [] }) });
    const asg = onlyResource(Template.fromStack(single), 'AWS::AutoScaling::AutoScalingGroup');
    expect(asg.Properties.MixedInstancesPolicy).toBeUndefined();
    expect(asg.Properties.LaunchTemplate).toMatchObject({ LaunchTemplateId: { Ref: expect.stringMatching(/^WebLaunchTemplate/) } });

    // A family without a known sibling launches the one type.
    const unknown = envStack();
    tier(unknown, { compute: ec2Compute({ instanceType: new ec2.InstanceType('x2idn.large') }) });
    expect(onlyResource(Template.fromStack(unknown), 'AWS::AutoScaling::AutoScalingGroup').Properties.MixedInstancesPolicy).toBeUndefined();
  });

  test('uses a given log bucket instead of creating one, for access logs and flow logs', () => {
    const stack = envStack();
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, versioned: true });
    const web = tier(stack, { logBucket: logs });
    expect(web.logBucket).toBe(logs);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::S3::Bucket', 1);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^Logs') } }]),
    });
    t.hasResourceProperties('AWS::EC2::FlowLog', { LogDestination: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Logs'), 'Arn'] }, '/vpc-flow-logs/']] } });
  });

  test('uses a given alarm topic instead of creating one', () => {
    const stack = envStack();
    const topic = new sns.Topic(stack, 'OnCall');
    const web = tier(stack, { alarmTopic: topic });
    expect(web.alarmTopic).toBe(topic);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SNS::Topic', 1);
    t.resourceCountIs('AWS::KMS::Key', 0);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^OnCall') }] });
  });

  test('an internal load balancer sits in the private subnets and accepts the VPC range only', () => {
    const stack = envStack();
    tier(stack, { internetFacing: false });
    const t = Template.fromStack(stack);
    const lb = onlyResource(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(lb.Properties.Scheme).toBe('internal');
    const subnets = t.findResources('AWS::EC2::Subnet');
    for (const ref of lb.Properties.Subnets) expect(subnets[ref.Ref].Properties.MapPublicIpOnLaunch).toBe(false);
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 80 })],
    });
  });

  test('MultiAzWebTier.minimumCapacityFor computes the statically stable minimum', () => {
    const cases: Array<[number, number, number]> = [[4, 3, 6], [1, 2, 2], [1, 3, 3], [5, 3, 8], [3, 2, 6], [10, 4, 14], [2, 4, 4]];
    for (const [needed, zones, minimum] of cases) {
      expect([needed, zones, MultiAzWebTier.minimumCapacityFor(needed, zones)]).toEqual([needed, zones, minimum]);
      // Losing the zone with the most capacity still leaves what is needed.
      expect(minimum - Math.ceil(minimum / zones)).toBeGreaterThanOrEqual(needed);
    }
    expect(() => MultiAzWebTier.minimumCapacityFor(4, 1)).toThrow(/availabilityZones must be a whole number of 2 or more/);
    expect(() => MultiAzWebTier.minimumCapacityFor(0, 3)).toThrow(/needed must be a whole number of 1 or more/);
  });
});

describe('failover time', () => {
  test('with the default health check: 10 seconds × 2 checks to detect a failed target, which is the whole estimate', () => {
    const stack = envStack();
    const web = tier(stack);
    const healthCheck = onlyResource(Template.fromStack(stack), 'AWS::ElasticLoadBalancingV2::TargetGroup').Properties;
    expect(healthCheck).toMatchObject({ HealthCheckIntervalSeconds: 10, UnhealthyThresholdCount: 2 });
    expect(web.failoverDetectionTime.toSeconds()).toBe(20);
    expect(web.estimatedFailoverTime.toSeconds()).toBe(20);
  });

  test('with a custom health check: interval × unhealthyThresholdCount', () => {
    const stack = envStack();
    const healthCheck = { interval: Duration.seconds(30), timeout: Duration.seconds(10), unhealthyThresholdCount: 5 };
    const web = tier(stack, { compute: ec2Compute(), healthCheck });
    const targetGroup = onlyResource(Template.fromStack(stack), 'AWS::ElasticLoadBalancingV2::TargetGroup').Properties;
    expect(targetGroup).toMatchObject({ HealthCheckIntervalSeconds: 30, UnhealthyThresholdCount: 5 });
    expect(web.failoverDetectionTime.toSeconds()).toBe(150);
    expect(web.estimatedFailoverTime.toSeconds()).toBe(150);
  });
});

describe('the role of the compute', () => {
  test('on Fargate: role and grantPrincipal are the task role, and grants go to it', () => {
    const stack = envStack();
    const web = tier(stack);
    expect(web.role).toBe(web.taskDefinition!.taskRole);
    expect(web.grantPrincipal).toBe(web.role);
    const bucket = new s3.Bucket(stack, 'Assets');
    bucket.grantRead(web);
    const template = Template.fromStack(stack);
    const taskRole = stack.getLogicalId(web.role.node.defaultChild as iam.CfnRole);
    expect(onlyResource(template, 'AWS::ECS::TaskDefinition').Properties.TaskRoleArn).toEqual({ 'Fn::GetAtt': [taskRole, 'Arn'] });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: taskRole }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow',
          Action: Match.arrayWith(['s3:GetObject*', 's3:List*']),
          Resource: Match.arrayWith([{ 'Fn::GetAtt': [stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket), 'Arn'] }]),
        })]),
      },
    });
  });

  test('on EC2: role and grantPrincipal are the instances\' role, the one given or the one the tier created', () => {
    const stack = envStack();
    const web = tier(stack, { compute: ec2Compute() });
    expect(web.grantPrincipal).toBe(web.role);
    const topic = new sns.Topic(stack, 'Orders');
    topic.grantPublish(web);
    const template = Template.fromStack(stack);
    const instanceRole = stack.getLogicalId(web.role.node.defaultChild as iam.CfnRole);
    expect(instanceRole).toMatch(/^WebInstanceRole/);
    const profile = onlyResource(template, 'AWS::IAM::InstanceProfile').Properties;
    expect(profile.Roles).toEqual([{ Ref: instanceRole }]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: instanceRole }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) } }] },
    });

    const given = new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    const other = new MultiAzWebTier(stack, 'Other', { compute: ec2Compute({ role: given }), capacity: { needed: 2 } });
    expect(other.role).toBe(given);
    expect(other.grantPrincipal).toBe(given);
  });
});

describe('environment-agnostic stacks', () => {
  test('build a two-zone tier and say so in an acknowledgeable warning', () => {
    const stack = agnosticStack();
    const web = tier(stack);
    expect(web.availabilityZones).toHaveLength(2);
    expect(web.minimumCapacity).toBe(8);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::NatGateway', 2);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'HealthyHostCount',
      Dimensions: Match.arrayWith([{ Name: 'AvailabilityZone', Value: { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] } }]),
    });
    expect(warningIds(stack)).toEqual(['@cdk-ha/patterns:envAgnosticAzs', '@cdk-ha/patterns:httpOnly']);
    Annotations.fromStack(stack).hasWarning('/Shop/Web', Match.stringLikeRegexp('environment-agnostic.*spans 2 instead of maxAzs 3.*Give the stack an env'));
  });

  test('do not warn when two zones were asked for', () => {
    const stack = agnosticStack();
    tier(stack, { maxAzs: 2, certificate: certificate(stack) });
    expect(warningIds(stack)).toEqual([]);
  });

  test('write access logs through the log delivery service principal, which needs no Region', () => {
    const stack = agnosticStack();
    tier(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 's3:PutObject',
          Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        })]),
      },
    });
  });
});

describe('an imported VPC', () => {
  function imported(stack: Stack, attrs: Partial<ec2.VpcAttributes> = {}): ec2.IVpc {
    return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-1234',
      vpcCidrBlock: '10.1.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      publicSubnetIds: ['subnet-pub-a', 'subnet-pub-b'],
      privateSubnetIds: ['subnet-priv-a', 'subnet-priv-b'],
      ...attrs,
    });
  }

  test('is used as given: no new VPC, compute in its private subnets, the load balancer in its public ones', () => {
    const stack = envStack();
    const web = tier(stack, { vpc: imported(stack) });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::VPC', 0);
    t.resourceCountIs('AWS::EC2::FlowLog', 0);
    expect(web.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(web.minimumCapacity).toBe(8);
    t.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ Subnets: ['subnet-priv-a', 'subnet-priv-b'] }) },
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: ['subnet-pub-a', 'subnet-pub-b'] });
  });

  test('with only isolated subnets, runs the compute in those', () => {
    const stack = envStack();
    tier(stack, {
      compute: ec2Compute(),
      vpc: imported(stack, { privateSubnetIds: undefined, isolatedSubnetIds: ['subnet-iso-a', 'subnet-iso-b'] }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { VPCZoneIdentifier: ['subnet-iso-a', 'subnet-iso-b'] });
  });

  test('an internal load balancer accepts the VPC range', () => {
    const stack = envStack();
    tier(stack, { vpc: imported(stack), internetFacing: false });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.1.0.0/16', FromPort: 80 })],
    });
  });
});

describe('zonal shift and zonal autoshift', () => {
  test('zonal shift is on for the load balancer, and for the group, which keeps its instances in a shifted zone', () => {
    const stack = envStack();
    tier(stack, { compute: ec2Compute() });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'zonal_shift.config.enabled', Value: 'true' }]),
    });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      AvailabilityZoneImpairmentPolicy: { ZonalShiftEnabled: true, ImpairedZoneHealthCheckBehavior: 'IgnoreUnhealthy' },
      Tags: Match.arrayWith([{ Key: 'cdk-ha:component', Value: 'Shop/Web', PropagateAtLaunch: true }]),
    });
    template.resourceCountIs('AWS::ARCZonalShift::ZonalAutoshiftConfiguration', 0);
  });

  test('zonalAutoshift: practice runs end early when any of the tier\'s alarms fires', () => {
    const stack = envStack();
    const web = tier(stack, { zonalAutoshift: true });
    const template = Template.fromStack(stack);
    const outcome = stack.getLogicalId(web.practiceRunOutcomeAlarm!.node.defaultChild as any);
    template.hasResourceProperties('AWS::ARCZonalShift::ZonalAutoshiftConfiguration', {
      ResourceIdentifier: { Ref: stack.getLogicalId(web.loadBalancer.node.defaultChild as any) },
      ZonalAutoshiftStatus: 'ENABLED',
      PracticeRunConfiguration: { OutcomeAlarms: [{ Type: 'CLOUDWATCH', AlarmIdentifier: { 'Fn::GetAtt': [outcome, 'Arn'] } }] },
    });
    const rule = JSON.stringify(onlyResource(template, 'AWS::CloudWatch::CompositeAlarm').Properties.AlarmRule);
    for (const alarm of web.alarms) expect(rule).toContain(stack.getLogicalId(alarm.node.defaultChild as any));
    expect(web.alarms).toHaveLength(6);
  });
});

describe('bad input fails at synth with one message naming the construct path, the property and the fix', () => {
  /** The message of the error the props throw. */
  function problem(props: Partial<MultiAzWebTierProps>, stack: Stack = envStack(), build?: (s: Stack) => Partial<MultiAzWebTierProps>): string {
    try {
      tier(stack, { ...props, ...build?.(stack) });
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error was thrown');
  }
  const header = "MultiAzWebTier at 'Shop/Web' has invalid props:\n";

  test('the error points at the code that created the tier, not into cdk-ha', () => {
    let error: Error | undefined;
    try {
      tier(envStack(), { maxAzs: 1 });
    } catch (e) {
      error = e as Error;
    }
    const frames = error!.stack!.split('\n').filter(l => /^\s+at /.test(l));
    // The first frame is the test's helper that creates the tier.
    expect(frames[0]).toMatch(/multi-az-web-tier\.test\.ts/);
    expect(error!.stack).not.toMatch(/src[\\/]patterns/);
    expect(error!.name).toBe('ValidationError');
  });

  test.each([
    ['fewer than two zones', { maxAzs: 1 },
      '  - maxAzs: 1 is below 2: a tier in one Availability Zone goes down with it. Set maxAzs to 2 or more'],
    ['needed capacity below 1', { capacity: { needed: 0 } },
      '  - capacity.needed: 0 is below 1. Set it to the number of instances or tasks the application needs at peak, 1 or more.'],
    ['needed capacity not whole', { capacity: { needed: 2.5 } },
      '  - capacity.needed: 2.5 is not a whole number. Use a whole number.'],
    ['minimum above maximum', { capacity: { needed: 4, maximum: 5 } },
      '  - capacity.maximum: 5 is below the minimum of 6 that keeps 4 in service after losing one of 3 Availability Zones. '
      + 'Raise capacity.maximum to at least 6, or lower capacity.needed.'],
    ['a container port out of range', { compute: fargateCompute({ containerPort: 70000 }) },
      '  - compute.containerPort: 70000 is outside 1-65535. Use the port the container listens on, from 1 to 65535.'],
    ['an instance port out of range', { compute: ec2Compute({ port: 0 }) },
      '  - compute.port: 0 is outside 1-65535. Use the port the application listens on, from 1 to 65535.'],
    ['a health check path without a slash', { healthCheck: { path: 'health' } },
      "  - healthCheck.path: 'health' is not a path. Use a path that starts with '/'"],
    ['a health check timeout not shorter than the interval', { healthCheck: { interval: Duration.seconds(5) } },
      '  - healthCheck.timeout: 5 seconds is not shorter than the interval of 5 seconds. Make the timeout shorter than healthCheck.interval.'],
    ['a Fargate memory size that does not fit the CPU', { compute: fargateCompute({ cpu: 256, memoryLimitMiB: 4096 }) },
      '  - compute.memoryLimitMiB: 4096 MiB is not a valid memory size for 256 CPU units. With cpu 256, use 512, 1024 or 2048 MiB.'],
    ['instance types of another architecture', { compute: ec2Compute({ additionalInstanceTypes: [new ec2.InstanceType('m7g.small')] }) },
      '  - compute.additionalInstanceTypes: m7g.small is arm64 but t3.small is x86_64. List instance types of the same architecture as instanceType: the AMI runs on only one.'],
    ['a deregistration delay out of range', { deregistrationDelay: Duration.hours(2) },
      '  - deregistrationDelay: 7200 is outside 0-3600.'],
  ])('%s', (_name, props, expected) => {
    const message = problem(props as Partial<MultiAzWebTierProps>);
    expect(message.startsWith(header)).toBe(true);
    expect(message).toContain(expected);
    expect(message.split('\n').filter(l => l.startsWith('  - '))).toHaveLength(1);
  });

  test('EC2 needs a maximum above the minimum, for rolling updates; Fargate does not', () => {
    expect(problem({ compute: ec2Compute(), capacity: { needed: 4, maximum: 6 } })).toContain(
      '  - capacity.maximum: 6 equals the minimum of 6 that keeps 4 in service after losing one of 3 Availability Zones, which leaves '
      + 'rolling updates no room to launch replacements while keeping 6 instances in service. Raise capacity.maximum above 6.');
    expect(() => tier(envStack(), { capacity: { needed: 4, maximum: 6 } })).not.toThrow();
  });

  test('every problem is reported in the same message', () => {
    const message = problem({ maxAzs: 1, capacity: { needed: 0 }, compute: fargateCompute({ containerPort: -1 }), healthCheck: { path: 'x' } });
    expect(message.split('\n').filter(l => l.startsWith('  - ')).map(l => l.split(':')[0].trim())).toEqual([
      '- maxAzs', '- compute.containerPort', '- healthCheck.path', '- capacity.needed',
    ]);
  });

  test('maxAzs with a given VPC', () => {
    expect(problem({ maxAzs: 3 }, envStack(), s => ({ vpc: new ec2.Vpc(s, 'Vpc') }))).toContain(
      '  - maxAzs: only applies to the VPC the tier creates, and a vpc was given. Remove maxAzs, and choose the zones of the given VPC with computeSubnets.');
  });

  test('an imported VPC whose private subnets are in one zone', () => {
    const message = problem({}, envStack(), s => ({
      vpc: ec2.Vpc.fromVpcAttributes(s, 'Vpc', {
        vpcId: 'vpc-1234', availabilityZones: ['us-east-1a'], publicSubnetIds: ['subnet-pub-a'], privateSubnetIds: ['subnet-priv-a'],
      }),
    }));
    expect(message).toBe(`${header}  - vpc: the compute subnets of VPC vpc-1234 are in 1 Availability Zone (us-east-1a), so losing that zone stops the tier. `
      + 'Give a VPC with private subnets in at least two Availability Zones, or select subnets in two or more zones with computeSubnets.');
  });

  test('an imported VPC without private subnets', () => {
    expect(problem({}, envStack(), s => ({
      vpc: ec2.Vpc.fromVpcAttributes(s, 'Vpc', { vpcId: 'vpc-1234', availabilityZones: ['us-east-1a', 'us-east-1b'], publicSubnetIds: ['subnet-a', 'subnet-b'] }),
    }))).toContain('  - vpc: VPC vpc-1234 has no private subnets, and the instances or tasks must not be reachable from the internet. '
      + 'Give a VPC with private subnets in at least two Availability Zones');
  });

  test('compute subnets selected in one zone', () => {
    expect(problem({ computeSubnets: { availabilityZones: ['us-east-1a'] } })).toContain(
      '  - computeSubnets: the compute subnets of VPC \'Shop/Web/Vpc\' are in 1 Availability Zone (us-east-1a)');
  });

  test('an internet-facing load balancer in a VPC without public subnets', () => {
    expect(problem({}, envStack(), s => ({
      vpc: ec2.Vpc.fromVpcAttributes(s, 'Vpc', { vpcId: 'vpc-1234', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-a', 'subnet-b'] }),
    }))).toContain('  - internetFacing: VPC vpc-1234 has no public subnets for an internet-facing load balancer. '
      + 'Give a VPC with public subnets in every zone of the compute subnets, choose them with loadBalancerSubnets, or set internetFacing to false.');
  });

  test('load balancer subnets that miss a zone of the compute', () => {
    expect(problem({ loadBalancerSubnets: { subnetType: ec2.SubnetType.PUBLIC, availabilityZones: ['us-east-1a', 'us-east-1b'] } })).toContain(
      '  - loadBalancerSubnets: the load balancer has no subnet in us-east-1c, where compute runs, so the targets there would get no traffic.');
  });

  test('a log bucket encrypted with KMS, which load balancers cannot write to', () => {
    for (const encryption of [s3.BucketEncryption.KMS, s3.BucketEncryption.KMS_MANAGED]) {
      expect(problem({}, envStack(), s => ({ logBucket: new s3.Bucket(s, 'Logs', { encryption }) }))).toContain(
        '  - logBucket: is encrypted with aws:kms, and load balancers can only write access logs to buckets encrypted with SSE-S3. '
        + 'Give a bucket with encryption: s3.BucketEncryption.S3_MANAGED, or leave logBucket unset.');
    }
  });

  test('an internal load balancer in an imported VPC whose range is unknown', () => {
    expect(problem({ internetFacing: false }, envStack(), s => ({
      vpc: ec2.Vpc.fromVpcAttributes(s, 'Vpc', { vpcId: 'vpc-1234', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-a', 'subnet-b'] }),
    }))).toContain("  - vpc: has no known CIDR block, and an internal load balancer accepts connections from the VPC's range. Import the VPC with its vpcCidrBlock");
  });

  test('a Region with a single zone', () => {
    const app = new App({ context: { [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ['us-east-1a'] } });
    const stack = new Stack(app, 'Shop', { env: { account: ACCOUNT, region: REGION } });
    expect(problem({}, stack)).toContain('  - maxAzs: the Region of stack Shop lists only 1 Availability Zone (us-east-1a).');
  });
});

describe('token values are not validated at synth', () => {
  test('ports, capacities, health check settings and thresholds may be tokens', () => {
    const stack = envStack();
    const num = (name: string) => new CfnParameter(stack, name, { type: 'Number' }).valueAsNumber;
    const web = tier(stack, {
      compute: ec2Compute({ port: num('Port') }),
      capacity: { needed: 4, maximum: num('Max') },
      healthCheck: { path: new CfnParameter(stack, 'Path').valueAsString, healthyThresholdCount: num('Healthy') },
      deregistrationDelay: Duration.seconds(num('Delay')),
      scaling: { targetCpuUtilizationPercent: num('Cpu') },
      alarmThresholds: { loadBalancer5xxPercent: num('Errors') },
    });
    expect(web.minimumCapacity).toBe(6);
    Template.fromStack(stack).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '6', MaxSize: { Ref: 'Max' } });
  });

  test('a health check interval or threshold that is a token makes estimatedFailoverTime an upper bound, with a warning', () => {
    const stack = envStack();
    const unhealthyThresholdCount = new CfnParameter(stack, 'Unhealthy', { type: 'Number' }).valueAsNumber;
    const web = tier(stack, { healthCheck: { interval: Duration.seconds(15), unhealthyThresholdCount }, certificate: certificate(stack) });
    expect(web.failoverDetectionTime.toSeconds()).toBe(150);
    expect(web.estimatedFailoverTime.toSeconds()).toBe(150);
    expect(warningIds(stack)).toEqual(['@cdk-ha/patterns:failoverTimeUnresolved']);
    Annotations.fromStack(stack).hasWarning('/Shop/Web', Match.stringLikeRegexp(
      '^MultiAzWebTier at \'Shop/Web\': healthCheck.unhealthyThresholdCount \\(counted as 10\\) is a token, so estimatedFailoverTime \\(150 seconds\\) is an upper bound'));
  });

  test('a needed capacity that is a token is used as the minimum, with a warning', () => {
    const stack = envStack();
    const needed = new CfnParameter(stack, 'Needed', { type: 'Number' }).valueAsNumber;
    tier(stack, { capacity: { needed, maximum: 20 }, certificate: certificate(stack) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: { Ref: 'Needed' }, MaxCapacity: 20 });
    expect(warningIds(stack)).toEqual(['@cdk-ha/patterns:capacityUnresolved']);
  });
});
