import { RuleCases } from './cases';
import { STANDALONE_INSTANCE } from '../../../src/checks/rules/ec2';
import { res, template } from '../../helpers/templates';

const instance = (zone: string, extra: object = {}) => res('AWS::EC2::Instance', { ImageId: 'ami-1', InstanceType: 't3.micro', AvailabilityZone: zone, ...extra });
const ingress = (port: number) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: '0.0.0.0/0' });
const group = (rules: object[]) => res('AWS::EC2::SecurityGroup', { GroupDescription: 'g', VpcId: 'vpc-1', SecurityGroupIngress: rules });
const params = { Parameters: { P: { Type: 'String' } }, Conditions: { Two: { 'Fn::Equals': [{ Ref: 'P' }, '2'] } } };

export const EC2_CASES: RuleCases[] = [
  {
    rule: STANDALONE_INSTANCE,
    compliant: {
      'one of two targets of a target group': {
        template: template({ A: instance('eu-west-1a'), B: instance('eu-west-1b'), TG: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Targets: [{ Id: { Ref: 'A' } }, { Id: { Ref: 'B' } }] }) }),
        target: 'A',
      },
      'one of two values of a DNS record': {
        template: template({
          A: instance('eu-west-1a'),
          B: instance('eu-west-1b'),
          Rec: res('AWS::Route53::RecordSet', { Name: 'app.example.com', Type: 'A', TTL: 60, ResourceRecords: [{ 'Fn::GetAtt': ['A', 'PublicIp'] }, { 'Fn::GetAtt': ['B', 'PublicIp'] }] }),
        }),
        target: 'B',
      },
      'one of a Classic Load Balancer\'s instances': {
        template: template({ A: instance('eu-west-1a'), B: instance('eu-west-1b'), CLB: res('AWS::ElasticLoadBalancing::LoadBalancer', { Instances: [{ Ref: 'A' }, { Ref: 'B' }] }) }),
        target: 'A',
      },
      'an origin in a CloudFront origin group': {
        template: template({
          A: instance('eu-west-1a'),
          D: res('AWS::CloudFront::Distribution', {
            DistributionConfig: {
              Enabled: true,
              Origins: [{ Id: 'web', DomainName: { 'Fn::GetAtt': ['A', 'PublicDnsName'] } }, { Id: 'site', DomainName: 'b.s3.amazonaws.com' }],
              OriginGroups: { Quantity: 1, Items: [{ Id: 'g', FailoverCriteria: { StatusCodes: { Quantity: 1, Items: [503] } }, Members: { Quantity: 2, Items: [{ OriginId: 'web' }, { OriginId: 'site' }] } }] },
              DefaultCacheBehavior: { TargetOriginId: 'g' },
            },
          }),
        }),
        target: 'A',
      },
      'the primary of a failover pair': {
        template: template({
          A: instance('eu-west-1a'),
          B: instance('eu-west-1b'),
          P: res('AWS::Route53::RecordSet', { Name: 'app.example.com', Type: 'A', SetIdentifier: 'p', Failover: 'PRIMARY', ResourceRecords: [{ 'Fn::GetAtt': ['A', 'PublicIp'] }] }),
          S: res('AWS::Route53::RecordSet', { Name: 'app.example.com', Type: 'A', SetIdentifier: 's', Failover: 'SECONDARY', ResourceRecords: [{ 'Fn::GetAtt': ['B', 'PublicIp'] }] }),
        }),
        target: 'A',
      },
    },
    nonCompliant: {
      'the only target of a target group': {
        template: template({ A: instance('eu-west-1a'), TG: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Targets: [{ Id: { Ref: 'A' } }] }) }),
        target: 'A',
        message: /EC2 instance A is the only target of target group TG/,
      },
      'the only target of a target group, on two ports': {
        template: template({ A: instance('eu-west-1a'), TG: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Targets: [{ Id: { Ref: 'A' }, Port: 80 }, { Id: { Ref: 'A' }, Port: 8080 }] }) }),
        target: 'A',
        message: /the only target of target group TG/,
      },
      'behind an Elastic IP': {
        template: template({ A: instance('eu-west-1a'), Ip: res('AWS::EC2::EIP', { InstanceId: { Ref: 'A' } }) }),
        target: 'A',
        message: /the only instance behind Elastic IP Ip/,
      },
      'behind an Elastic IP associated with its network interface': {
        template: template({
          Eni: res('AWS::EC2::NetworkInterface', { SubnetId: 'subnet-1' }),
          A: instance('eu-west-1a', { NetworkInterfaces: [{ NetworkInterfaceId: { Ref: 'Eni' }, DeviceIndex: '0' }] }),
          Ip: res('AWS::EC2::EIP', { Domain: 'vpc' }),
          Assoc: res('AWS::EC2::EIPAssociation', { AllocationId: { 'Fn::GetAtt': ['Ip', 'AllocationId'] }, NetworkInterfaceId: { Ref: 'Eni' } }),
        }),
        target: 'A',
        message: /Elastic IP Ip/,
      },
      'the only address of a DNS record': {
        template: template({ A: instance('eu-west-1a'), Rec: res('AWS::Route53::RecordSet', { Name: 'app.example.com', Type: 'A', TTL: 60, ResourceRecords: [{ 'Fn::GetAtt': ['A', 'PrivateIp'] }] }) }),
        target: 'A',
        message: /the only address of DNS record app\.example\.com \(Rec\)/,
      },
      'the origin of a CloudFront distribution': {
        template: template({
          A: instance('eu-west-1a'),
          D: res('AWS::CloudFront::Distribution', { DistributionConfig: { Enabled: true, Origins: [{ Id: 'web', DomainName: { 'Fn::GetAtt': ['A', 'PublicDnsName'] }, CustomOriginConfig: {} }], DefaultCacheBehavior: { TargetOriginId: 'web' } } }),
        }),
        target: 'A',
        message: /the only server of origin web of CloudFront distribution D/,
      },
      'a NAT instance': {
        template: template({ A: instance('eu-west-1a', { SourceDestCheck: false }), Rt: res('AWS::EC2::RouteTable', { VpcId: 'vpc-1' }), Default: res('AWS::EC2::Route', { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '0.0.0.0/0', InstanceId: { Ref: 'A' } }) }),
        target: 'A',
        message: /the next hop of route Default, which sends the traffic to 0\.0\.0\.0\/0 of its route table through it/,
      },
      'an instance on its own': { template: template({ A: instance('eu-west-1a') }), target: 'A', message: /runs on its own, outside any Auto Scaling group/, severity: 'warning' },
      'an instance on its own that serves a port besides SSH': {
        template: template({ A: instance('eu-west-1a', { SecurityGroupIds: [{ 'Fn::GetAtt': ['SG', 'GroupId'] }] }), SG: group([ingress(22), ingress(8080)]) }),
        target: 'A',
        message: /runs on its own, outside any Auto Scaling group: when it/,
        severity: 'warning',
      },
      'an instance with no inbound rule and no sign of a bastion (a worker)': {
        template: template({ A: instance('eu-west-1a', { SecurityGroupIds: [{ 'Fn::GetAtt': ['SG', 'GroupId'] }] }), SG: group([]) }),
        target: 'A',
        severity: 'warning',
      },
      'an SSH-only host (an administration host: advice)': {
        template: template({ A: instance('eu-west-1a', { SecurityGroupIds: [{ 'Fn::GetAtt': ['SG', 'GroupId'] }] }), SG: group([ingress(22)]) }),
        target: 'A',
        message: /serves no endpoint the templates show and accepts connections only on port 22: an administration or bastion host/,
        severity: 'info',
      },
      'a bastion reached through Session Manager, with an ingress rule of its own resource (advice)': {
        template: template({
          A: instance('eu-west-1a', { SecurityGroupIds: [{ 'Fn::GetAtt': ['SG', 'GroupId'] }], Tags: [{ Key: 'Name', Value: 'BastionHost' }] }),
          SG: group([]),
          Ping: res('AWS::EC2::SecurityGroupIngress', { GroupId: { 'Fn::GetAtt': ['SG', 'GroupId'] }, IpProtocol: 'icmp', FromPort: -1, ToPort: -1, CidrIp: '10.0.0.0/8' }),
        }),
        target: 'A',
        message: /accepts no inbound connections \(it is reached through Session Manager\)/,
        severity: 'info',
      },
      'a host named bastion that also serves HTTP': {
        template: template({
          A: instance('eu-west-1a', { SecurityGroupIds: [{ 'Fn::GetAtt': ['SG', 'GroupId'] }], Tags: [{ Key: 'Name', Value: 'bastion' }] }),
          SG: group([]),
          Http: res('AWS::EC2::SecurityGroupIngress', { GroupId: { 'Fn::GetAtt': ['SG', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }),
        }),
        target: 'A',
        severity: 'warning',
      },
      'an SSH-only host whose security group is imported (reachability not known)': {
        template: template({ A: instance('eu-west-1a', { SecurityGroupIds: ['sg-12345678'] }) }),
        target: 'A',
        severity: 'warning',
      },
    },
    unknown: {
      'targets of a target group behind a condition': {
        template: template({ A: instance('eu-west-1a'), TG: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Targets: { 'Fn::If': ['Two', [{ Id: { Ref: 'A' } }, { Id: 'i-2' }], [{ Id: { Ref: 'A' } }]] } }) }, params),
        target: 'A',
        message: /whose Targets are Fn::If on the condition Two/,
      },
      'an Elastic IP attached depending on a condition': {
        template: template({ A: instance('eu-west-1a'), Ip: res('AWS::EC2::EIP', { InstanceId: { 'Fn::If': ['Two', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] } }) }, params),
        target: 'A',
      },
    },
    notApplicable: {
      'no instance': { template: template({ LT: res('AWS::EC2::LaunchTemplate', { LaunchTemplateData: { InstanceType: 't3.micro' } }) }) },
    },
  },
];
