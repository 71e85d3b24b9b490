import { Duration, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ComputeBindContext, ComputeBinding } from './binding';
import { tagComponent } from '../common/component-tag';
import { PropsValidator } from '../common/validate-props';

/**
 * An EC2 Auto Scaling group of instances behind the load balancer.
 */
export interface AutoScalingComputeOptions {
  /**
   * The instance type.
   */
  readonly instanceType: ec2.InstanceType;

  /**
   * The AMI of the instances.
   */
  readonly machineImage: ec2.IMachineImage;

  /**
   * Further instance types the group may launch, in order of preference after `instanceType`,
   * when a zone runs short of the first. They must have the same architecture, and should have
   * the same vCPUs and memory, since scaling counts instances. An empty list launches only
   * `instanceType`.
   *
   * @default - the same size of the interchangeable sibling family when there is one (t3 and t3a,
   * m6i and m6a, m6g and m7g, and the like), otherwise none
   */
  readonly additionalInstanceTypes?: ec2.InstanceType[];

  /**
   * Commands the instances run at launch, typically installing and starting the application.
   *
   * @default - none: the AMI starts the application by itself
   */
  readonly userData?: ec2.UserData;

  /**
   * The port the application listens on. The load balancer sends requests and health checks
   * to it, and it is the only port open on the instances, and only to the load balancer.
   *
   * @default 80
   */
  readonly port?: number;

  /**
   * How long a new instance may take to pass the load balancer's health checks before the
   * group replaces it. Rolling updates also wait this long after each batch.
   *
   * @default Duration.minutes(5)
   */
  readonly healthCheckGracePeriod?: Duration;

  /**
   * The role of the instances.
   *
   * @default - a new role with only `AmazonSSMManagedInstanceCore`, so that Session Manager
   * replaces SSH
   */
  readonly role?: iam.IRole;

  /**
   * The device name of the AMI's root volume, which the tier encrypts. Amazon Linux uses
   * `/dev/xvda`; Ubuntu, Debian and Windows AMIs use `/dev/sda1`.
   *
   * @default '/dev/xvda'
   */
  readonly rootDeviceName?: string;

  /**
   * The size of the encrypted gp3 root volume, in GiB.
   *
   * @default - the size of the AMI's root snapshot
   */
  readonly rootVolumeSize?: number;
}

/**
 * An ECS service on Fargate behind the load balancer.
 */
export interface FargateComputeOptions {
  /**
   * The container image of the application.
   */
  readonly image: ecs.ContainerImage;

  /**
   * CPU units of each task (256 = 0.25 vCPU).
   *
   * @default 512
   */
  readonly cpu?: number;

  /**
   * Memory of each task, in MiB; it must be a valid Fargate combination with `cpu`.
   *
   * @default 1024
   */
  readonly memoryLimitMiB?: number;

  /**
   * The port the container listens on. The load balancer sends requests and health checks
   * to it, and it is the only port open on the tasks, and only to the load balancer.
   *
   * @default 80
   */
  readonly containerPort?: number;

  /**
   * Plain environment variables of the container. Put anything secret in `secrets` instead.
   *
   * @default - none
   */
  readonly environment?: { [key: string]: string };

  /**
   * Environment variables read from Secrets Manager or SSM Parameter Store when a task starts.
   *
   * @default - none
   */
  readonly secrets?: { [key: string]: ecs.Secret };

  /**
   * The CPU architecture the image is built for.
   *
   * @default ecs.CpuArchitecture.X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;

  /**
   * How long a new task may take to pass the load balancer's health checks before ECS
   * replaces it.
   *
   * @default Duration.seconds(60)
   */
  readonly healthCheckGracePeriod?: Duration;

  /**
   * The role the application assumes.
   *
   * @default - a new role without permissions
   */
  readonly taskRole?: iam.IRole;
}

/**
 * What runs the web application: an EC2 Auto Scaling group or an ECS service on Fargate.
 * Either way the instances or tasks spread over every Availability Zone of the tier and are
 * replaced when they fail the load balancer's health checks.
 */
export abstract class WebTierCompute {
  /**
   * EC2 instances in an Auto Scaling group, with a launch template that requires IMDSv2,
   * encrypts the root volume and opens no SSH port (use Session Manager).
   */
  public static autoScaling(options: AutoScalingComputeOptions): WebTierCompute {
    return new AutoScalingCompute(options);
  }

  /**
   * An ECS service on Fargate, in a new cluster with Container Insights, deployed with a
   * circuit breaker that rolls failed deployments back.
   */
  public static fargate(options: FargateComputeOptions): WebTierCompute {
    return new FargateCompute(options);
  }

  /** @internal */
  public abstract readonly _port: number;

  /** @internal */
  public abstract readonly _targetType: elbv2.TargetType;

  /**
   * True when rolling updates need room above the minimum capacity.
   *
   * @internal
   */
  public abstract readonly _needsHeadroom: boolean;

  /** @internal */
  public abstract _validate(v: PropsValidator): void;

  /** @internal */
  public abstract _bind(scope: Construct, context: ComputeBindContext): ComputeBinding;
}

/**
 * An EBS root volume, encrypted, without a size so that it keeps the AMI snapshot's size.
 */
class EncryptedRootVolume extends ec2.BlockDeviceVolume {
  constructor(volumeSize?: number) {
    super({ volumeSize, encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true });
  }
}

class AutoScalingCompute extends WebTierCompute {
  public readonly _port: number;
  public readonly _targetType = elbv2.TargetType.INSTANCE;
  public readonly _needsHeadroom = true;

  constructor(private readonly options: AutoScalingComputeOptions) {
    super();
    this._port = options.port ?? 80;
  }

  public _validate(v: PropsValidator): void {
    v.range(this.options.port, 'compute.port', 1, 65535, 'Use the port the application listens on, from 1 to 65535.')
      .integer(this.options.port, 'compute.port')
      .range(this.options.rootVolumeSize, 'compute.rootVolumeSize', 1, 16384, 'Use a size in GiB from 1 to 16384, at least the AMI snapshot size.')
      .integer(this.options.rootVolumeSize, 'compute.rootVolumeSize');
    // Rolling updates pause this long after each batch, and CloudFormation pauses at most an hour.
    validateGracePeriod(v, this.options.healthCheckGracePeriod, 'compute.healthCheckGracePeriod', 3600);
    const primary = this.options.instanceType;
    for (const other of this.options.additionalInstanceTypes ?? []) {
      if (Token.isUnresolved(other.toString()) || Token.isUnresolved(primary.toString())) continue;
      v.require(other.architecture === primary.architecture, 'compute.additionalInstanceTypes',
        `${other} is ${other.architecture} but ${primary} is ${primary.architecture}`,
        'List instance types of the same architecture as instanceType: the AMI runs on only one.');
    }
    const device = this.options.rootDeviceName;
    if (device !== undefined && !Token.isUnresolved(device)) {
      v.require(/^\/dev\/[a-z0-9]+$/.test(device), 'compute.rootDeviceName', `'${device}' is not a device name`,
        "Use the AMI's root device name, such as '/dev/xvda' (Amazon Linux) or '/dev/sda1' (Ubuntu, Debian, Windows).");
    }
  }

  public _bind(scope: Construct, context: ComputeBindContext): ComputeBinding {
    const o = this.options;
    const gracePeriod = o.healthCheckGracePeriod ?? Duration.minutes(5);

    let role = o.role;
    if (!role) {
      // The actions Session Manager needs, and no more (AmazonSSMManagedInstanceCore would also
      // let the instances read every SSM parameter of the account).
      const instanceRole = new iam.Role(scope, 'InstanceRole', {
        assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
        description: `Instances of ${scope.node.path}: Session Manager access only`,
        inlinePolicies: {
          SessionManager: new iam.PolicyDocument({
            statements: [new iam.PolicyStatement({
              actions: [
                'ssm:UpdateInstanceInformation',
                'ssmmessages:CreateControlChannel',
                'ssmmessages:CreateDataChannel',
                'ssmmessages:OpenControlChannel',
                'ssmmessages:OpenDataChannel',
              ],
              resources: ['*'],
            })],
          }),
        },
      });
      Validations.of(instanceRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Session Manager, which replaces SSH on these instances, needs the ssmmessages channel actions, which have '
          + 'no resource-level permissions; the role allows only those and ssm:UpdateInstanceInformation.',
      });
      role = instanceRole;
    }

    const launchTemplate = new ec2.LaunchTemplate(scope, 'LaunchTemplate', {
      instanceType: o.instanceType,
      machineImage: o.machineImage,
      userData: o.userData,
      role,
      securityGroup: context.securityGroup,
      requireImdsv2: true,
      // One-minute metrics let target tracking react within minutes, not five.
      detailedMonitoring: true,
      blockDevices: [{ deviceName: o.rootDeviceName ?? '/dev/xvda', volume: new EncryptedRootVolume(o.rootVolumeSize) }],
    });

    // A rolling update replaces at most one zone's share at a time, within the room above the minimum.
    const { minimum, maximum } = context;
    const known = !Token.isUnresolved(minimum) && !Token.isUnresolved(maximum);
    const maxBatchSize = known ? Math.max(1, Math.min(Math.ceil(minimum / context.zoneCount), maximum - minimum)) : 1;

    // Several instance types give the group other capacity pools when a zone runs short of one,
    // as happens when every workload of a Region moves out of a failing zone at once.
    const types = [o.instanceType, ...(o.additionalInstanceTypes ?? siblingsOf(o.instanceType))]
      .filter((t, i, all) => all.findIndex(u => u.toString() === t.toString()) === i);
    const launch: Pick<autoscaling.AutoScalingGroupProps, 'launchTemplate' | 'mixedInstancesPolicy'> = types.length > 1
      ? {
        mixedInstancesPolicy: {
          launchTemplate,
          launchTemplateOverrides: types.map(instanceType => ({ instanceType })),
          instancesDistribution: {
            onDemandAllocationStrategy: autoscaling.OnDemandAllocationStrategy.PRIORITIZED,
            onDemandPercentageAboveBaseCapacity: 100,
          },
        },
      }
      : { launchTemplate };

    const autoScalingGroup = new autoscaling.AutoScalingGroup(scope, 'AutoScalingGroup', {
      vpc: context.vpc,
      vpcSubnets: context.subnets,
      ...launch,
      // No desired capacity: a deployment must not reset what scaling has added.
      minCapacity: minimum,
      maxCapacity: maximum,
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
        gracePeriod,
      }),
      defaultInstanceWarmup: gracePeriod,
      updatePolicy: autoscaling.UpdatePolicy.rollingUpdate({
        minInstancesInService: minimum,
        maxBatchSize,
        // Without resource signals, give each batch time to pass its health checks.
        pauseTime: gracePeriod,
      }),
      groupMetrics: [autoscaling.GroupMetrics.all()],
    });
    // Zonal shift (and autoshift) may move launches away from an impaired zone; the group is statically
    // stable, so it keeps the instances there rather than replacing them in a zone that may not recover.
    const cfnGroup = autoScalingGroup.node.defaultChild as autoscaling.CfnAutoScalingGroup;
    cfnGroup.availabilityZoneImpairmentPolicy = { zonalShiftEnabled: true, impairedZoneHealthCheckBehavior: 'IgnoreUnhealthy' };
    // Drills find the group and its instances by this tag.
    tagComponent(autoScalingGroup, scope);
    if (types.length > 1) {
      Validations.of(autoScalingGroup).acknowledge({
        id: 'AwsSolutions-EC26',
        reason: 'cdk-nag\'s EC26 reads only the group\'s LaunchTemplate property and fails on a mixed instances policy. '
          + 'The policy\'s launch template encrypts the root volume (Encrypted: true), as EC26 requires.',
      });
    }
    Validations.of(autoScalingGroup).acknowledge({
      id: 'AwsSolutions-AS3',
      reason: 'Failed launches and lost instances show in the tier\'s alarms (healthy hosts per zone, unhealthy hosts). '
        + 'SNS scaling notifications are not used: publishing to the KMS-encrypted alarm topic would need the key policy '
        + 'to name the Auto Scaling service-linked role, which fails to deploy in accounts where that role does not exist yet.',
    });

    context.targetGroup.addTarget(autoScalingGroup);
    autoScalingGroup.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: context.targetCpuUtilizationPercent });
    autoScalingGroup.scaleOnRequestCount('RequestCountScaling', { targetRequestsPerMinute: context.targetRequestsPerMinute });

    return { autoScalingGroup, launchTemplate, role };
  }
}

/**
 * Families whose instances of the same size have the same architecture, vCPUs and memory, with
 * the sizes both offer.
 */
const SIBLING_FAMILIES: Array<[string, string, string[]]> = (() => {
  const intel = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'];
  const graviton = ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];
  return [
    ['t3', 't3a', ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge']],
    ['m5', 'm5a', intel], ['m6i', 'm6a', intel], ['m7i', 'm7a', intel],
    ['c5', 'c5a', ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge']], ['c6i', 'c6a', intel], ['c7i', 'c7a', intel],
    ['r5', 'r5a', intel], ['r6i', 'r6a', intel], ['r7i', 'r7a', intel],
    ['m6g', 'm7g', graviton], ['c6g', 'c7g', graviton], ['r6g', 'r7g', graviton],
  ];
})();

/** The same size in the interchangeable sibling family, if there is one. */
function siblingsOf(type: ec2.InstanceType): ec2.InstanceType[] {
  const name = type.toString();
  if (Token.isUnresolved(name)) return [];
  const [family, size] = name.split('.');
  for (const [a, b, sizes] of SIBLING_FAMILIES) {
    if (!sizes.includes(size)) continue;
    if (family === a) return [new ec2.InstanceType(`${b}.${size}`)];
    if (family === b) return [new ec2.InstanceType(`${a}.${size}`)];
  }
  return [];
}

/** Valid Fargate (Linux) memory sizes in MiB for each CPU size: [from, to, step]. */
const FARGATE_MEMORY: Record<number, [number, number, number]> = {
  256: [512, 2048, 512], // 512, 1024 or 2048: 1536 is excluded below
  512: [1024, 4096, 1024],
  1024: [2048, 8192, 1024],
  2048: [4096, 16384, 1024],
  4096: [8192, 30720, 1024],
  8192: [16384, 61440, 4096],
  16384: [32768, 122880, 8192],
};

class FargateCompute extends WebTierCompute {
  public readonly _port: number;
  public readonly _targetType = elbv2.TargetType.IP;
  public readonly _needsHeadroom = false;

  constructor(private readonly options: FargateComputeOptions) {
    super();
    this._port = options.containerPort ?? 80;
  }

  public _validate(v: PropsValidator): void {
    const o = this.options;
    v.range(o.containerPort, 'compute.containerPort', 1, 65535, 'Use the port the container listens on, from 1 to 65535.')
      .integer(o.containerPort, 'compute.containerPort');
    validateGracePeriod(v, o.healthCheckGracePeriod, 'compute.healthCheckGracePeriod', 2147483647);
    const cpu = o.cpu ?? 512;
    const memory = o.memoryLimitMiB ?? 1024;
    if (Token.isUnresolved(cpu) || Token.isUnresolved(memory)) return;
    const sizes = FARGATE_MEMORY[cpu];
    if (!sizes) {
      v.require(false, 'compute.cpu', `${cpu} is not a Fargate CPU size`, `Use one of ${Object.keys(FARGATE_MEMORY).join(', ')}.`);
      return;
    }
    const [from, to, step] = sizes;
    const valid = cpu === 256 ? [512, 1024, 2048].includes(memory) : memory >= from && memory <= to && (memory - from) % step === 0;
    v.require(valid, 'compute.memoryLimitMiB', `${memory} MiB is not a valid memory size for ${cpu} CPU units`,
      cpu === 256 ? 'With cpu 256, use 512, 1024 or 2048 MiB.' : `With cpu ${cpu}, use ${from} to ${to} MiB in steps of ${step}.`);
  }

  public _bind(scope: Construct, context: ComputeBindContext): ComputeBinding {
    const o = this.options;
    const cluster = new ecs.Cluster(scope, 'Cluster', {
      vpc: context.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const taskDefinition = new ecs.FargateTaskDefinition(scope, 'TaskDefinition', {
      cpu: o.cpu ?? 512,
      memoryLimitMiB: o.memoryLimitMiB ?? 1024,
      runtimePlatform: {
        cpuArchitecture: o.cpuArchitecture ?? ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      taskRole: o.taskRole,
    });
    const logGroup = new logs.LogGroup(scope, 'ContainerLogs', {
      retention: context.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    taskDefinition.addContainer('Web', {
      image: o.image,
      portMappings: [{ containerPort: this._port, protocol: ecs.Protocol.TCP }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web', logGroup }),
      environment: o.environment,
      secrets: o.secrets,
    });
    // Images in ECR (repositories, assets, tag parameters) are pulled with a token that cannot be scoped.
    if (!(o.image instanceof ecs.RepositoryImage) && taskDefinition.executionRole) {
      Validations.of(taskDefinition.executionRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Pulling the image from Amazon ECR needs ecr:GetAuthorizationToken, which has no resource-level permissions; '
          + 'the pull itself is limited to the image\'s repository.',
      });
    }

    const service = new ecs.FargateService(scope, 'Service', {
      cluster,
      taskDefinition,
      vpcSubnets: context.subnets,
      securityGroups: [context.securityGroup],
      assignPublicIp: false,
      // No desired count: a deployment must not reset what scaling has added; the scalable
      // target's minimum applies from the start.
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriod: o.healthCheckGracePeriod ?? Duration.seconds(60),
      availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });
    context.targetGroup.addTarget(service.loadBalancerTarget({ containerName: 'Web', containerPort: this._port }));

    const scaling = service.autoScaleTaskCount({ minCapacity: context.minimum, maxCapacity: context.maximum });
    scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: context.targetCpuUtilizationPercent });
    scaling.scaleOnRequestCount('RequestCountScaling', {
      requestsPerTarget: context.targetRequestsPerMinute,
      targetGroup: context.targetGroup,
    });

    return { cluster, taskDefinition, service, role: taskDefinition.taskRole };
  }
}

function validateGracePeriod(v: PropsValidator, period: Duration | undefined, property: string, maxSeconds: number): void {
  if (period === undefined || period.isUnresolved()) return;
  const seconds = period.toSeconds({ integral: false });
  v.range(seconds, property, 0, maxSeconds, `Use 0 to ${maxSeconds} seconds, long enough for a new target to start and pass its health checks.`)
    .integer(seconds, property);
}
