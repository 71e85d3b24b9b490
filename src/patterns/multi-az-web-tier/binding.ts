import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';

// Internal to the tier: how a compute choice plugs in. Not exported from the package.

/**
 * What a compute choice needs from the tier.
 */
export interface ComputeBindContext {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly minimum: number;
  readonly maximum: number;
  readonly zoneCount: number;
  readonly targetCpuUtilizationPercent: number;
  readonly targetRequestsPerMinute: number;
  readonly logRetention: logs.RetentionDays;
}

/**
 * What a compute choice built.
 */
export interface ComputeBinding {
  readonly autoScalingGroup?: autoscaling.AutoScalingGroup;
  readonly launchTemplate?: ec2.LaunchTemplate;
  readonly cluster?: ecs.Cluster;
  readonly taskDefinition?: ecs.FargateTaskDefinition;
  readonly service?: ecs.FargateService;
  /** The role the application runs with: the instances' role or the task role. */
  readonly role: iam.IRole;
}
