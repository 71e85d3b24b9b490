import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { checkTemplate } from '../../../src/checks/engine';
import { EC2_RULES } from '../../../src/checks/rules/ec2';
import { modelOfStack } from '../../helpers/templates';

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), EC2_RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status} ${f.severity}`).sort();
}

describe('EC2 instances built with CDK', () => {
  test('a bastion host reached through Session Manager is an administration host (advice); an instance with an Elastic IP is the only endpoint behind it', () => {
    const stack = new Stack(new App(), 'S');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new ec2.BastionHostLinux(stack, 'Bastion', { vpc });
    const server = new ec2.Instance(stack, 'Server', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
    new ec2.CfnEIP(stack, 'Address', { instanceId: server.instanceId });
    expect(findings(stack)).toEqual(['HA-INSTANCE1 Bastion fail info', 'HA-INSTANCE1 Server fail error']);
  });
});
