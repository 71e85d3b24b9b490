import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as networkfirewall from 'aws-cdk-lib/aws-networkfirewall';
import { checkTemplate } from '../../../src/checks/engine';
import { HYBRID_NETWORK_RULES } from '../../../src/checks/rules/hybrid-network';
import { modelOfStack } from '../../helpers/templates';

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), HYBRID_NETWORK_RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status}`).sort();
}

/** A three-zone VPC with a small dedicated subnet per zone for attachments and firewall endpoints. */
function vpc(stack: Stack, extra: Partial<ec2.VpcProps> = {}): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 3,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'Edge', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 },
    ],
    ...extra,
  });
}

describe('hybrid networking built with CDK', () => {
  test('two VPN connections from two devices pass the redundancy rule; one connection does not', () => {
    const redundant = new Stack(new App(), 'Redundant');
    const v = vpc(redundant, { vpnGateway: true });
    v.addVpnConnection('SiteA', { ip: '198.51.100.1' });
    v.addVpnConnection('SiteB', { ip: '203.0.113.1' });
    expect(findings(redundant)).toEqual(['HA-VPN3 VpcSiteA fail', 'HA-VPN3 VpcSiteB fail']);

    const single = new Stack(new App(), 'Single');
    vpc(single, { vpnGateway: true }).addVpnConnection('Site', { ip: '198.51.100.1', staticRoutes: ['192.168.0.0/16'] });
    expect(findings(single).filter(f => !f.startsWith('HA-VPN3'))).toEqual(['HA-VPN1 VpcSite fail', 'HA-VPN2 VpcSite fail']);
  });

  test('a transit gateway attachment and a firewall in every zone pass; in two of three zones they fail', () => {
    const env = { account: '111111111111', region: 'eu-west-1' };
    const app = new App({ context: { [`availability-zones:account=${env.account}:region=${env.region}`]: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] } });
    const stack = new Stack(app, 'S', { env });
    const v = vpc(stack);
    const edge = v.selectSubnets({ subnetGroupName: 'Edge' }).subnetIds;
    const tgw = new ec2.CfnTransitGateway(stack, 'Tgw', {});
    new ec2.CfnTransitGatewayVpcAttachment(stack, 'Everywhere', { transitGatewayId: tgw.ref, vpcId: v.vpcId, subnetIds: edge });
    new ec2.CfnTransitGatewayVpcAttachment(stack, 'TwoZones', { transitGatewayId: tgw.ref, vpcId: v.vpcId, subnetIds: edge.slice(0, 2) });
    const policy = new networkfirewall.CfnFirewallPolicy(stack, 'Policy', {
      firewallPolicyName: 'p',
      firewallPolicy: { statelessDefaultActions: ['aws:forward_to_sfe'], statelessFragmentDefaultActions: ['aws:forward_to_sfe'] },
    });
    new networkfirewall.CfnFirewall(stack, 'Firewall', {
      firewallName: 'fw', firewallPolicyArn: policy.attrFirewallPolicyArn, vpcId: v.vpcId, subnetMappings: edge.map(subnetId => ({ subnetId })),
    });
    new networkfirewall.CfnFirewall(stack, 'Partial', {
      firewallName: 'fw2', firewallPolicyArn: policy.attrFirewallPolicyArn, vpcId: v.vpcId, subnetMappings: edge.slice(1).map(subnetId => ({ subnetId })),
    });
    expect(findings(stack)).toEqual(['HA-NFW1 Partial fail', 'HA-TGW1 TwoZones fail']);
  });
});
