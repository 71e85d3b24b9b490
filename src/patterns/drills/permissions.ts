import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { COMPONENT_TAG } from '../common/component-tag';

// The least the FIS experiment role needs for each action, as the FIS actions reference lists it,
// scoped to the drill's targets where the service supports resource-level permissions.

/** The ARN of a resource of the drill's own account and Region. */
function arn(scope: IConstruct, service: string, resource: string, resourceName: string, sep = ArnFormat.SLASH_RESOURCE_NAME): string {
  return Stack.of(scope).formatArn({ service, resource, resourceName, arnFormat: sep });
}

/** Writing the experiment's log to CloudWatch Logs: FIS creates a log delivery, which has no resource-level permissions. */
export function loggingStatements(): iam.PolicyStatement[] {
  return [new iam.PolicyStatement({
    sid: 'DeliverExperimentLogs',
    actions: ['logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
    resources: ['*'],
  })];
}

/** `aws:ec2:stop-instances` on the instances that carry a building block's component tag. */
export function stopInstancesStatements(scope: IConstruct, component: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'StopAndStartTaggedInstances',
      actions: ['ec2:StopInstances', 'ec2:StartInstances'],
      resources: [arn(scope, 'ec2', 'instance', '*')],
      conditions: { StringEquals: { [`aws:ResourceTag/${COMPONENT_TAG}`]: component } },
    }),
    new iam.PolicyStatement({ sid: 'FindInstances', actions: ['ec2:DescribeInstances'], resources: ['*'] }),
  ];
}

/** `aws:ec2:asg-insufficient-instance-capacity-error`: launches of the groups fail in the zone. */
export function insufficientCapacityStatements(): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'FailLaunchesInTheZone',
      actions: ['ec2:InjectApiError'],
      resources: ['*'],
      conditions: { 'ForAnyValue:StringEquals': { 'ec2:FisActionId': ['aws:ec2:asg-insufficient-instance-capacity-error'] } },
    }),
    new iam.PolicyStatement({ sid: 'FindGroups', actions: ['autoscaling:DescribeAutoScalingGroups'], resources: ['*'] }),
  ];
}

/** `aws:ecs:stop-task` on the tasks of one cluster. */
export function stopTasksStatements(clusterArn: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'StopTasksOfTheCluster',
      actions: ['ecs:StopTask'],
      resources: ['*'],
      conditions: { ArnEquals: { 'ecs:cluster': clusterArn } },
    }),
    new iam.PolicyStatement({ sid: 'FindTasks', actions: ['ecs:DescribeTasks', 'ecs:ListTasks'], resources: ['*'] }),
  ];
}

/**
 * `aws:network:disrupt-connectivity`: FIS replaces the subnets' network ACL with one of its own (tagged
 * `managedByFIS`) for the duration, then restores the original association and deletes its ACL.
 */
export function disruptConnectivityStatements(scope: IConstruct, subnetIds: string[]): iam.PolicyStatement[] {
  const acls = arn(scope, 'ec2', 'network-acl', '*');
  return [
    new iam.PolicyStatement({
      sid: 'CreateTheDrillNetworkAcl',
      actions: ['ec2:CreateNetworkAcl'],
      resources: [acls],
      conditions: { StringEquals: { 'aws:RequestTag/managedByFIS': 'true' } },
    }),
    new iam.PolicyStatement({ sid: 'CreateTheDrillNetworkAclInTheVpc', actions: ['ec2:CreateNetworkAcl'], resources: [arn(scope, 'ec2', 'vpc', '*')] }),
    new iam.PolicyStatement({
      sid: 'TagTheDrillNetworkAcl',
      actions: ['ec2:CreateTags'],
      resources: [acls],
      conditions: { StringEquals: { 'ec2:CreateAction': 'CreateNetworkAcl' } },
    }),
    new iam.PolicyStatement({
      sid: 'ChangeAndDeleteTheDrillNetworkAcl',
      actions: ['ec2:CreateNetworkAclEntry', 'ec2:DeleteNetworkAcl'],
      resources: [acls],
      conditions: { StringEquals: { 'ec2:ResourceTag/managedByFIS': 'true' } },
    }),
    new iam.PolicyStatement({
      sid: 'SwapTheSubnetsNetworkAcl',
      actions: ['ec2:ReplaceNetworkAclAssociation'],
      resources: [acls, ...subnetIds.map(id => arn(scope, 'ec2', 'subnet', id))],
    }),
    new iam.PolicyStatement({
      sid: 'ReadTheNetwork',
      actions: ['ec2:DescribeNetworkAcls', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries'],
      resources: ['*'],
    }),
  ];
}

/** `aws:rds:failover-db-cluster` on the given clusters. */
export function failoverClusterStatements(clusterArns: string[]): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: 'FailOverTheClusters', actions: ['rds:FailoverDBCluster'], resources: clusterArns }),
    new iam.PolicyStatement({ sid: 'FindClusters', actions: ['rds:DescribeDBClusters', 'tag:GetResources'], resources: ['*'] }),
  ];
}

/** `aws:rds:reboot-db-instances` with `forceFailover` on the given Multi-AZ instances. */
export function rebootInstanceStatements(instanceArns: string[]): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: 'FailOverTheInstances', actions: ['rds:RebootDBInstance'], resources: instanceArns }),
    new iam.PolicyStatement({ sid: 'FindDatabaseInstances', actions: ['rds:DescribeDBInstances', 'tag:GetResources'], resources: ['*'] }),
  ];
}
