import { Annotations, CfnResource, Duration, FeatureFlags, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as arczonalshift from 'aws-cdk-lib/aws-arczonalshift';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { createAlarms } from './alarms';
import { MultiAzWebTierProps } from './props';
import { DEFAULT_MAX_AZS, planCapacity, resolvePlacement, staticallyStableMinimum, TierPlacement, validateProps } from './validate';
import { alarmTopic } from '../common/alarm-topic';
import { usageError } from '../common/errors';
import { PropsValidator } from '../common/validate-props';

/** The address range of the VPC the tier creates. */
const VPC_CIDR = '10.0.0.0/16';
/** Key prefixes in the log bucket. */
const ACCESS_LOGS_PREFIX = 'alb';
const FLOW_LOGS_PREFIX = 'vpc-flow-logs/';
/** The target group health check's defaults (`WebTierHealthCheckOptions`). */
const DEFAULT_HEALTH_CHECK_INTERVAL = Duration.seconds(10);
const DEFAULT_UNHEALTHY_THRESHOLD = 2;
/** The largest values the target group accepts, which an estimate counts for a token. */
const MAX_HEALTH_CHECK_INTERVAL_SECONDS = 300;
const MAX_UNHEALTHY_THRESHOLD = 10;

/**
 * A load-balanced web tier that survives losing an Availability Zone.
 *
 * An Application Load Balancer in every zone of the tier sends traffic to EC2 instances or
 * Fargate tasks spread over the same zones. The tier runs enough capacity that losing one zone
 * still leaves what the application needs at peak (static stability), replaces targets that fail
 * the load balancer's health checks, scales on CPU and on requests per target, and notifies an
 * SNS topic when targets are unhealthy, a zone runs short, the load balancer answers with 5xx
 * codes, or responses are slow.
 *
 * Secure by default: the instances or tasks accept traffic only from the load balancer, on one
 * port; no SSH; IMDSv2; encrypted volumes and logs; HTTPS with HTTP redirected when a certificate
 * is given.
 *
 * Warnings (acknowledge them with `Annotations.of(tier).acknowledgeWarning(id, reason)`):
 * `@cdk-ha/patterns:httpOnly` (no certificate), `@cdk-ha/patterns:envAgnosticAzs` (an
 * environment-agnostic stack limits a new VPC to two zones), `@cdk-ha/patterns:capacityUnresolved`
 * (`capacity.needed` is a token, so the minimum could not be computed), `@cdk-ha/patterns:failoverTimeUnresolved`
 * (a health check setting is a token, so `estimatedFailoverTime` is an upper bound).
 *
 * @experimental
 */
export class MultiAzWebTier extends Construct implements ec2.IConnectable, iam.IGrantable {
  /**
   * The minimum capacity that keeps `needed` instances or tasks in service after losing one of
   * `availabilityZones` zones, with at least one per zone:
   * `max(zones, ceil(needed × zones / (zones − 1)))`. For example 4 needed over 3 zones gives 6.
   *
   * @param needed the instances or tasks the application needs at peak (1 or more)
   * @param availabilityZones the zones the tier spans (2 or more)
   */
  public static minimumCapacityFor(needed: number, availabilityZones: number): number {
    const entry = MultiAzWebTier.minimumCapacityFor;
    if (!Number.isInteger(needed) || needed < 1) throw usageError(`MultiAzWebTier.minimumCapacityFor: needed must be a whole number of 1 or more, got ${needed}.`, entry);
    if (!Number.isInteger(availabilityZones) || availabilityZones < 2) {
      throw usageError('MultiAzWebTier.minimumCapacityFor: availabilityZones must be a whole number of 2 or more: a tier in one zone cannot survive '
        + `losing it, got ${availabilityZones}.`, entry);
    }
    return staticallyStableMinimum(needed, availabilityZones);
  }

  /** The VPC of the tier: the one given, or the one the tier created. */
  public readonly vpc: ec2.IVpc;

  /** The distinct Availability Zones of the instances or tasks (tokens in environment-agnostic stacks). */
  public readonly availabilityZones: string[];

  /** The Application Load Balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  /** The listener that forwards to the targets: HTTPS on 443 with a certificate, otherwise HTTP on 80. */
  public readonly listener: elbv2.ApplicationListener;

  /**
   * The HTTP listener on port 80 that redirects to HTTPS.
   *
   * @default - none when no certificate was given
   */
  public readonly redirectListener?: elbv2.ApplicationListener;

  /** The target group of the instances or tasks. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;

  /**
   * The Auto Scaling group.
   *
   * @default - none with Fargate compute
   */
  public readonly autoScalingGroup?: autoscaling.AutoScalingGroup;

  /**
   * The launch template of the Auto Scaling group.
   *
   * @default - none with Fargate compute
   */
  public readonly launchTemplate?: ec2.LaunchTemplate;

  /**
   * The ECS cluster of the service.
   *
   * @default - none with EC2 compute
   */
  public readonly cluster?: ecs.Cluster;

  /**
   * The task definition of the service.
   *
   * @default - none with EC2 compute
   */
  public readonly taskDefinition?: ecs.FargateTaskDefinition;

  /**
   * The ECS service on Fargate.
   *
   * @default - none with EC2 compute
   */
  public readonly service?: ecs.FargateService;

  /**
   * The alarms: unhealthy targets, too few healthy targets in each zone, load balancer 5xx
   * responses and target response time.
   */
  public readonly alarms: cloudwatch.Alarm[];

  /** The SNS topic the alarms notify. */
  public readonly alarmTopic: sns.ITopic;

  /** The computed minimum capacity, which keeps `capacity.needed` in service after losing one zone. */
  public readonly minimumCapacity: number;

  /** The maximum capacity scaling may reach. */
  public readonly maximumCapacity: number;

  /** The security group of the instances or tasks. */
  public readonly securityGroup: ec2.ISecurityGroup;

  /** The connections of the instances or tasks, e.g. for `database.connections.allowDefaultPortFrom(tier)`. */
  public readonly connections: ec2.Connections;

  /**
   * The role the application runs with: the instances' role (`compute.role` or the one the tier
   * created) with EC2, the task role (`compute.taskRole` or the one ECS created) with Fargate.
   */
  public readonly role: iam.IRole;

  /**
   * The principal to grant permissions to: `role`. Lets the tier be passed to grant methods, e.g.
   * `bucket.grantRead(tier)`.
   */
  public readonly grantPrincipal: iam.IPrincipal;

  /**
   * How long the load balancer takes to see that an instance or task has failed: the target group
   * health check's `interval × unhealthyThresholdCount` (10 s × 2 = 20 seconds with the defaults).
   */
  public readonly failoverDetectionTime: Duration;

  /**
   * The estimated time from an instance, task or Availability Zone failing to the load balancer
   * sending its requests only to healthy targets in the other zones: the detection time
   * (`healthCheck.interval × healthCheck.unhealthyThresholdCount`, 20 seconds with the defaults).
   * The load balancer stops routing to a target as soon as it is marked unhealthy, and the
   * statically stable minimum means the remaining targets already carry the load, so no scaling is
   * waited for; requests in flight on the failed target are lost.
   *
   * An estimate, to confirm by testing: replacing the failed targets takes longer (the
   * `healthCheckGracePeriod` and the start-up time), but does not hold up the traffic.
   */
  public readonly estimatedFailoverTime: Duration;

  /** The bucket of the access logs (and the new VPC's flow logs). */
  public readonly logBucket: s3.IBucket;

  /**
   * The zonal autoshift configuration of the load balancer, with the tier's alarms as practice-run
   * outcome alarms.
   *
   * @default - none unless `zonalAutoshift` is true
   */
  public readonly zonalAutoshift?: arczonalshift.CfnZonalAutoshiftConfiguration;

  /**
   * The composite alarm that is the practice runs' outcome alarm: it fires when any of `alarms` does.
   *
   * @default - none unless `zonalAutoshift` is true
   */
  public readonly practiceRunOutcomeAlarm?: cloudwatch.CompositeAlarm;

  /**
   * The compute subnets and load balancer subnets of each zone, for drills that cut a zone off.
   *
   * @internal
   */
  public readonly _subnetsByZone: Map<string, ec2.ISubnet[]>;

  /**
   * The load balancer's subnets, for drills that cut the tier off.
   *
   * @internal
   */
  public readonly _loadBalancerSubnets: ec2.ISubnet[];

  constructor(scope: Construct, id: string, props: MultiAzWebTierProps) {
    super(scope, id);
    const v = new PropsValidator(this, 'MultiAzWebTier');
    validateProps(v, props);
    const internetFacing = props.internetFacing ?? true;
    const maxAzs = props.maxAzs ?? DEFAULT_MAX_AZS;
    const logRetention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;

    let vpc = props.vpc;
    let logBucket = props.logBucket;
    if (!vpc && Token.isUnresolved(maxAzs)) {
      v.require(false, 'maxAzs', 'is a token, but the zones of a new VPC are chosen at synth time', 'Use a number.');
    } else if (!vpc && Number.isInteger(maxAzs) && maxAzs >= 2 && this.regionHasZones(v)) {
      logBucket ??= this.createLogBucket(logRetention);
      vpc = this.createVpc(maxAzs, logBucket);
    }
    const placement = vpc ? resolvePlacement(v, vpc, props) : undefined;
    const capacity = planCapacity(v, props, placement?.zones.length);
    const clientRange = vpc && !internetFacing ? this.vpcRange(v, vpc) : undefined;
    if (props.logBucket) {
      const algorithm = this.encryptionOf(props.logBucket);
      v.require(algorithm === undefined || algorithm === 'AES256', 'logBucket',
        `is encrypted with ${algorithm}, and load balancers can only write access logs to buckets encrypted with SSE-S3`,
        'Give a bucket with encryption: s3.BucketEncryption.S3_MANAGED, or leave logBucket unset.');
    }
    v.throwIfInvalid();
    // Every problem that leaves these undefined has been reported above.
    this.vpc = vpc!;
    const placed: TierPlacement = placement!;
    const { minimum, maximum, unresolved } = capacity!;

    this.availabilityZones = placed.zones;
    this.minimumCapacity = minimum;
    this.maximumCapacity = maximum;
    this.logBucket = logBucket ?? this.createLogBucket(logRetention);
    this.alarmTopic = alarmTopic(this, props.alarmTopic);
    if (unresolved) {
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:capacityUnresolved',
        `MultiAzWebTier at '${this.node.path}': capacity.needed is a token, so the minimum that survives losing an Availability Zone `
        + 'could not be computed; the tier runs at least capacity.needed. Use a number to get the statically stable minimum.');
    }

    this.securityGroup = new ec2.SecurityGroup(this, 'ComputeSecurityGroup', {
      vpc: this.vpc,
      description: `Instances or tasks of ${this.node.path}: traffic only from its load balancer`,
      allowAllOutbound: true,
    });
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup] });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: this.vpc,
      internetFacing,
      vpcSubnets: { subnets: placed.loadBalancerSubnets.subnets },
      deletionProtection: true,
      dropInvalidHeaderFields: true,
    });
    // ARC zonal shift moves traffic away from an impaired zone; the statically stable minimum makes that safe.
    this.loadBalancer.setAttribute('zonal_shift.config.enabled', 'true');
    this.logAccessLogs(this.logBucket);

    const hc = props.healthCheck ?? {};
    const interval = hc.interval ?? DEFAULT_HEALTH_CHECK_INTERVAL;
    const unhealthyThresholdCount = hc.unhealthyThresholdCount ?? DEFAULT_UNHEALTHY_THRESHOLD;
    this.failoverDetectionTime = this.detectionTime(interval, unhealthyThresholdCount);
    // The load balancer stops routing to a target once it is marked unhealthy: the estimate is the detection time.
    this.estimatedFailoverTime = this.failoverDetectionTime;
    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc: this.vpc,
      port: props.compute._port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: props.compute._targetType,
      deregistrationDelay: props.deregistrationDelay ?? Duration.seconds(30),
      healthCheck: {
        enabled: true,
        protocol: elbv2.Protocol.HTTP,
        path: hc.path ?? '/',
        interval,
        timeout: hc.timeout ?? Duration.seconds(5),
        healthyThresholdCount: hc.healthyThresholdCount ?? 2,
        unhealthyThresholdCount,
        healthyHttpCodes: hc.healthyHttpCodes ?? '200-299',
      },
    });

    const clients = internetFacing ? ec2.Peer.anyIpv4() : ec2.Peer.ipv4(clientRange!);
    const from = internetFacing ? 'the internet' : 'the VPC';
    if (props.certificate) {
      this.listener = this.loadBalancer.addListener('HttpsListener', {
        protocol: elbv2.ApplicationProtocol.HTTPS,
        port: 443,
        certificates: [elbv2.ListenerCertificate.fromCertificateManager(props.certificate)],
        sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultTargetGroups: [this.targetGroup],
        open: false,
      });
      this.redirectListener = this.loadBalancer.addRedirect({
        sourceProtocol: elbv2.ApplicationProtocol.HTTP,
        sourcePort: 80,
        targetProtocol: elbv2.ApplicationProtocol.HTTPS,
        targetPort: 443,
        open: false,
      });
      this.loadBalancer.connections.allowFrom(clients, ec2.Port.tcp(443), `HTTPS from ${from}`);
      this.loadBalancer.connections.allowFrom(clients, ec2.Port.tcp(80), `HTTP from ${from}, redirected to HTTPS`);
    } else {
      this.listener = this.loadBalancer.addListener('HttpListener', {
        protocol: elbv2.ApplicationProtocol.HTTP,
        port: 80,
        defaultTargetGroups: [this.targetGroup],
        open: false,
      });
      this.loadBalancer.connections.allowFrom(clients, ec2.Port.tcp(80), `HTTP from ${from}`);
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:httpOnly',
        `MultiAzWebTier at '${this.node.path}' serves plain HTTP: no certificate was given, so requests and responses cross the network `
        + 'unencrypted. Give a certificate (an ACM certificate for the domain) to serve HTTPS and redirect HTTP to it.');
    }
    if (internetFacing) {
      Validations.of(this.loadBalancer.connections.securityGroups[0]).acknowledge({
        id: 'AwsSolutions-EC23',
        reason: 'An internet-facing load balancer must accept its listener ports (80 and 443 only) from any IPv4 address; '
          + 'the instances or tasks behind it accept traffic only from this security group.',
      });
    }

    const scaling = props.scaling ?? {};
    const binding = props.compute._bind(this, {
      vpc: this.vpc,
      subnets: { subnets: placed.computeSubnets.subnets },
      securityGroup: this.securityGroup,
      targetGroup: this.targetGroup,
      minimum,
      maximum,
      zoneCount: placed.zones.length,
      targetCpuUtilizationPercent: scaling.targetCpuUtilizationPercent ?? 50,
      targetRequestsPerMinute: scaling.targetRequestsPerMinute ?? 1000,
      logRetention,
    });
    this.autoScalingGroup = binding.autoScalingGroup;
    this.launchTemplate = binding.launchTemplate;
    this.cluster = binding.cluster;
    this.taskDefinition = binding.taskDefinition;
    this.service = binding.service;
    this.role = binding.role;
    this.grantPrincipal = binding.role;

    this.alarms = createAlarms(this, {
      loadBalancer: this.loadBalancer,
      targetGroup: this.targetGroup,
      zones: placed.zones,
      minimum,
      topic: this.alarmTopic,
      thresholds: props.alarmThresholds ?? {},
    });

    this._loadBalancerSubnets = placed.loadBalancerSubnets.subnets;
    this._subnetsByZone = new Map();
    for (const subnet of [...placed.computeSubnets.subnets, ...placed.loadBalancerSubnets.subnets]) {
      const zone = zoneOf(subnet);
      if (zone === undefined) continue;
      const list = this._subnetsByZone.get(zone) ?? [];
      if (!list.includes(subnet)) list.push(subnet);
      this._subnetsByZone.set(zone, list);
    }

    if (props.zonalAutoshift) {
      this.practiceRunOutcomeAlarm = new cloudwatch.CompositeAlarm(this, 'PracticeRunOutcomeAlarm', {
        alarmDescription: `${this.node.path}: one of the tier's alarms fired; a zonal autoshift practice run ends early and counts as failed.`,
        alarmRule: cloudwatch.AlarmRule.anyOf(...this.alarms.map(a => cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM))),
      });
      this.zonalAutoshift = new arczonalshift.CfnZonalAutoshiftConfiguration(this, 'ZonalAutoshift', {
        resourceIdentifier: this.loadBalancer.loadBalancerArn,
        zonalAutoshiftStatus: 'ENABLED',
        // CloudFormation takes one outcome alarm: the composite fires when any of the tier's alarms does.
        practiceRunConfiguration: { outcomeAlarms: [{ type: 'CLOUDWATCH', alarmIdentifier: this.practiceRunOutcomeAlarm.alarmArn }] },
      });
    }
  }

  /**
   * `interval × unhealthyThresholdCount`; a token counts as its largest valid value (300 seconds,
   * 10 checks), with a warning.
   */
  private detectionTime(interval: Duration, unhealthyThresholdCount: number): Duration {
    const unresolved: string[] = [];
    let intervalSeconds = MAX_HEALTH_CHECK_INTERVAL_SECONDS;
    if (interval.isUnresolved()) unresolved.push(`healthCheck.interval (counted as ${MAX_HEALTH_CHECK_INTERVAL_SECONDS} seconds)`);
    else intervalSeconds = interval.toSeconds();
    let checks = MAX_UNHEALTHY_THRESHOLD;
    if (Token.isUnresolved(unhealthyThresholdCount)) unresolved.push(`healthCheck.unhealthyThresholdCount (counted as ${MAX_UNHEALTHY_THRESHOLD})`);
    else checks = unhealthyThresholdCount;
    const detection = Duration.seconds(intervalSeconds * checks);
    if (unresolved.length) {
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:failoverTimeUnresolved',
        `MultiAzWebTier at '${this.node.path}': ${unresolved.join(', ')} ${unresolved.length === 1 ? 'is a token' : 'are tokens'}, so `
        + `estimatedFailoverTime (${detection.toSeconds()} seconds) is an upper bound. Use numbers and durations to get the estimate.`);
    }
    return detection;
  }

  /** False, after recording the problem, when the stack's Region lists fewer than two zones. */
  private regionHasZones(v: PropsValidator): boolean {
    const stack = Stack.of(this);
    const zones = stack.availabilityZones;
    v.require(zones.length >= 2, 'maxAzs',
      `the Region of stack ${stack.stackName} lists only ${zones.length} Availability Zone${zones.length ? ` (${zones.join(', ')})` : ''}`,
      'Deploy the tier to a Region with at least two Availability Zones, or refresh the availability-zones context of the stack.');
    return zones.length >= 2;
  }

  /** The default encryption algorithm of a bucket defined in this app, when it is set and known. */
  private encryptionOf(bucket: s3.IBucket): string | undefined {
    const cfn = bucket.node.defaultChild;
    if (!(cfn instanceof s3.CfnBucket)) return undefined;
    const encryption = Stack.of(cfn).resolve(cfn.bucketEncryption);
    const algorithms: unknown[] = (encryption?.serverSideEncryptionConfiguration ?? [])
      .map((rule: any) => rule?.serverSideEncryptionByDefault?.sseAlgorithm);
    return algorithms.find((a): a is string => typeof a === 'string' && a !== 'AES256') ?? undefined;
  }

  /** The VPC's IPv4 range, for an internal load balancer's clients. */
  private vpcRange(v: PropsValidator, vpc: ec2.IVpc): string | undefined {
    if (vpc === this.node.tryFindChild('Vpc')) return VPC_CIDR;
    try {
      return vpc.vpcCidrBlock;
    } catch {
      v.require(false, 'vpc', 'has no known CIDR block, and an internal load balancer accepts connections from the VPC\'s range',
        'Import the VPC with its vpcCidrBlock (ec2.Vpc.fromVpcAttributes or ec2.Vpc.fromLookup).');
      return undefined;
    }
  }

  private createVpc(maxAzs: number, logBucket: s3.IBucket): ec2.Vpc {
    const stack = Stack.of(this);
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(VPC_CIDR),
      maxAzs,
      // natGateways is left unset: one NAT gateway per zone, so a zone failure cuts no other zone off.
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      // Nothing of the tier uses the default security group; restricting it would add a
      // Lambda-backed custom resource at the stack level.
      restrictDefaultSecurityGroup: false,
    });
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toS3(logBucket, FLOW_LOGS_PREFIX),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    // With this flag off, the flow log service would add these statements itself, and the next
    // deployment of the bucket policy would remove them.
    if (!FeatureFlags.of(this).isEnabled(cxapi.S3_CREATE_DEFAULT_LOGGING_POLICY)) {
      const conditions = {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'logs', resource: '*' }) },
      };
      const delivery = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
      logBucket.addToResourcePolicy(new iam.PolicyStatement({
        principals: [delivery],
        actions: ['s3:PutObject'],
        resources: [logBucket.arnForObjects(`${FLOW_LOGS_PREFIX}AWSLogs/${stack.account}/*`)],
        conditions: { ...conditions, StringEquals: { ...conditions.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }));
      logBucket.addToResourcePolicy(new iam.PolicyStatement({
        principals: [delivery],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [logBucket.bucketArn],
        conditions,
      }));
    }
    if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
      const zones = stack.availabilityZones.length;
      if (zones < maxAzs) {
        Annotations.of(this).addWarningV2('@cdk-ha/patterns:envAgnosticAzs',
          `MultiAzWebTier at '${this.node.path}': stack ${stack.stackName} is environment-agnostic, so CDK can only see ${zones} Availability `
          + `Zones and the tier spans ${zones} instead of maxAzs ${maxAzs}. Give the stack an env (account and Region) to spread over ${maxAzs} zones.`);
      }
    }
    return vpc;
  }

  private createLogBucket(retention: logs.RetentionDays): s3.Bucket {
    const bucket = new s3.Bucket(this, 'LogBucket', {
      // Load balancers can only write access logs to SSE-S3 encrypted buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{
        id: 'ExpireLogs',
        expiration: retention === logs.RetentionDays.INFINITE ? undefined : Duration.days(retention),
        noncurrentVersionExpiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the tier\'s access and flow logs. Logging access to it would need another log bucket, '
        + 'which would need one in turn; its objects are written only by the log delivery services.',
    });
    return bucket;
  }

  private logAccessLogs(bucket: s3.IBucket): void {
    const stack = Stack.of(this);
    if (!Token.isUnresolved(stack.region)) {
      this.loadBalancer.logAccessLogs(bucket, ACCESS_LOGS_PREFIX);
      return;
    }
    // logAccessLogs needs the Region to pick the Elastic Load Balancing account; the log
    // delivery service principal works in every Region.
    this.loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
    this.loadBalancer.setAttribute('access_logs.s3.bucket', bucket.bucketName);
    this.loadBalancer.setAttribute('access_logs.s3.prefix', ACCESS_LOGS_PREFIX);
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${ACCESS_LOGS_PREFIX}/AWSLogs/${stack.account}/*`)],
    }));
    // The load balancer checks that it may write when access logging is switched on.
    const policy = bucket.policy?.node.defaultChild;
    const lb = this.loadBalancer.node.defaultChild;
    if (CfnResource.isCfnResource(policy) && CfnResource.isCfnResource(lb)) lb.node.addDependency(policy);
  }
}

/** The zone of a subnet, or undefined for an imported subnet whose zone was not given. */
function zoneOf(subnet: ec2.ISubnet): string | undefined {
  try {
    return subnet.availabilityZone;
  } catch {
    return undefined;
  }
}
