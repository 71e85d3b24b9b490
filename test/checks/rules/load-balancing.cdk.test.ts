import { App, Duration, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elb from 'aws-cdk-lib/aws-elasticloadbalancing';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import { checkTemplate } from '../../../src/checks/engine';
import { AUTOSCALING_RULES } from '../../../src/checks/rules/autoscaling';
import { EC2_RULES } from '../../../src/checks/rules/ec2';
import { LOAD_BALANCING_RULES } from '../../../src/checks/rules/load-balancing';
import { VPC_RULES } from '../../../src/checks/rules/vpc';
import { modelOfStack } from '../../helpers/templates';

const RULES = [...AUTOSCALING_RULES, ...LOAD_BALANCING_RULES, ...VPC_RULES, ...EC2_RULES];

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status}${f.status === 'fail' ? ` ${f.severity}` : ''}`).sort();
}

const machineImage = ec2.MachineImage.latestAmazonLinux2023();

/** An Auto Scaling group set up the way an HA review expects: two zones, ELB checks with a grace period, several instance types. */
function goodGroup(stack: Stack, vpc: ec2.IVpc, id: string, vpcSubnets?: ec2.SubnetSelection): autoscaling.AutoScalingGroup {
  const securityGroup = new ec2.SecurityGroup(stack, `${id}Sg`, { vpc });
  const launchTemplate = new ec2.LaunchTemplate(stack, `${id}Template`, { machineImage, instanceType: new ec2.InstanceType('m6i.large'), securityGroup });
  return new autoscaling.AutoScalingGroup(stack, id, {
    vpc,
    vpcSubnets,
    minCapacity: 2,
    maxCapacity: 6,
    mixedInstancesPolicy: {
      launchTemplate,
      launchTemplateOverrides: [{ instanceType: new ec2.InstanceType('m6i.large') }, { instanceType: new ec2.InstanceType('m5.large') }],
    },
    healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
      additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
      gracePeriod: Duration.minutes(5),
    }),
  });
}

describe('load-balanced tiers built with CDK', () => {
  test('an ALB with deletion protection in front of a well-configured Auto Scaling group has no findings', () => {
    const stack = new Stack(new App(), 'S');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const group = goodGroup(stack, vpc, 'Web');
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true, deletionProtection: true });
    alb.addListener('Http', { port: 80 }).addTargets('Web', { port: 80, targets: [group], healthCheck: { path: '/health' } });
    expect(findings(stack)).toEqual([]);
  });

  test('CDK defaults: no deletion protection, the default health path, EC2 health checks and one instance type', () => {
    const stack = new Stack(new App(), 'S');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const group = new autoscaling.AutoScalingGroup(stack, 'Web', { vpc, minCapacity: 2, instanceType: new ec2.InstanceType('t3.micro'), machineImage });
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
    alb.addListener('Http', { port: 80 }).addTargets('Web', { port: 80, targets: [group] });
    expect(findings(stack)).toEqual([
      'HA-ASG3 WebASG fail warning',
      'HA-ASG4 WebASG fail info',
      'HA-ELB3 Alb fail info',
      'HA-ELB6 AlbHttpWebGroup fail info',
    ]);
  });

  test('an NLB without cross-zone balancing passes with targets in every zone and warns about a zone without them', () => {
    const stack = new Stack(new App(), 'S');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const everywhere = new elbv2.NetworkLoadBalancer(stack, 'Everywhere', { vpc, deletionProtection: true });
    everywhere.addListener('Tcp', { port: 443 }).addTargets('All', { port: 443, targets: [goodGroup(stack, vpc, 'All')] });
    const lopsided = new elbv2.NetworkLoadBalancer(stack, 'Lopsided', { vpc, deletionProtection: true });
    lopsided.addListener('Tcp', { port: 443 }).addTargets('One', { port: 443, targets: [goodGroup(stack, vpc, 'One', { subnets: [vpc.privateSubnets[0]] })] });
    const balanced = new elbv2.NetworkLoadBalancer(stack, 'Balanced', { vpc, deletionProtection: true, crossZoneEnabled: true });
    balanced.addListener('Tcp', { port: 443 }).addTargets('Few', { port: 443, targets: [goodGroup(stack, vpc, 'Few', { subnets: [vpc.privateSubnets[1]] })] });
    expect(findings(stack).filter(f => !f.startsWith('HA-ASG'))).toEqual(['HA-ELB2 Lopsided fail warning']);
  });

  test('a single instance behind an ALB is an error on the instance; a Classic Load Balancer with defaults lacks cross-zone and draining', () => {
    const stack = new Stack(new App(), 'S');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const server = new ec2.Instance(stack, 'Server', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage });
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, deletionProtection: true });
    alb.addListener('Http', { port: 80 }).addTargets('One', { port: 80, targets: [new targets.InstanceTarget(server)], healthCheck: { path: '/health' } });
    new elb.LoadBalancer(stack, 'Classic', { vpc, crossZone: false });
    expect(findings(stack)).toEqual([
      'HA-ELB4 Classic fail warning',
      'HA-ELB5 Classic fail info',
      'HA-INSTANCE1 Server fail error',
    ]);
  });
});
