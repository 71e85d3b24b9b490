import { Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HaChecks } from '../../../src';
import { runCli, tempApp } from '../../helpers/apps';

/** An Auto Scaling group in the private subnets of a VPC imported by ID, with or without their zones. */
function appWithImportedVpc(zones: string[]) {
  const { app, outdir, cleanup } = tempApp();
  const stack = new Stack(app, 'Web', { env: { account: '111111111111', region: 'eu-west-1' } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: zones, privateSubnetIds: zones.map((_, i) => `subnet-${i}`) });
  new autoscaling.AutoScalingGroup(stack, 'Asg', {
    vpc, minCapacity: 2, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  });
  const checks = HaChecks.applyTo(app);
  app.synth();
  return { checks, outdir, cleanup };
}

const zoneFindings = (findings: { ruleId: string; status: string }[]) => findings.filter(f => f.ruleId === 'HA-ASG1').map(f => f.status);

test('the zones of subnets imported by ID come from the construct tree, and reach cdk.out for the command line', () => {
  const { checks, outdir, cleanup } = appWithImportedVpc(['eu-west-1a', 'eu-west-1b']);
  try {
    expect(zoneFindings(checks.findings)).toEqual([]);
    expect(zoneFindings(JSON.parse(runCli(['check', outdir, '--format', 'json']).stdout).findings)).toEqual([]);
  } finally {
    cleanup();
  }
});

test('imported subnets all in one zone fail, in the aspect and the command line alike', () => {
  const { checks, outdir, cleanup } = appWithImportedVpc(['eu-west-1a']);
  try {
    expect(zoneFindings(checks.findings)).toEqual(['fail']);
    expect(zoneFindings(JSON.parse(runCli(['check', outdir, '--format', 'json']).stdout).findings)).toEqual(['fail']);
  } finally {
    cleanup();
  }
});
