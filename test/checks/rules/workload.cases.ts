import { RuleCases } from './cases';
import { WORKLOAD_SINGLE_AZ } from '../../../src/checks/rules/workload';
import { az, res, subnet, template } from '../../helpers/templates';

const asg = (subnets: unknown) => res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', VPCZoneIdentifier: subnets });
const dbSubnets = (subnets: unknown) => res('AWS::RDS::DBSubnetGroup', { DBSubnetGroupDescription: 'db', SubnetIds: subnets });
const params = { Parameters: { Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } } };

export const WORKLOAD_CASES: RuleCases[] = [{
  rule: WORKLOAD_SINGLE_AZ,
  compliant: {
    'web and data tiers in two zones': {
      template: template({ A: subnet(az(0)), B: subnet(az(1)), Web: asg([{ Ref: 'A' }, { Ref: 'B' }]), Db: dbSubnets([{ Ref: 'A' }, { Ref: 'B' }]) }),
      target: 'Web',
    },
  },
  nonCompliant: {
    'every tier in the first zone': {
      template: template({ A: subnet(az(0)), A2: subnet(az(0)), Web: asg([{ Ref: 'A' }]), Db: dbSubnets([{ Ref: 'A' }, { Ref: 'A2' }]) }),
      target: 'Web',
      message: /\(Web, Db\) is in one Availability Zone \(zone 1 of the Region\)/,
    },
    'an instance and a mount target in one named zone': {
      template: template({
        S: subnet('eu-west-1a'),
        Server: res('AWS::EC2::Instance', { AvailabilityZone: 'eu-west-1a', ImageId: 'ami-1' }),
        Mount: res('AWS::EFS::MountTarget', { FileSystemId: 'fs-1', SubnetId: { Ref: 'S' }, SecurityGroups: [] }),
      }),
      target: 'Server',
    },
  },
  unknown: {
    'a tier whose subnets are a parameter': {
      template: template({ A: subnet(az(0)), Web: asg({ Ref: 'Subnets' }), Db: dbSubnets([{ Ref: 'A' }]) }, params),
      target: 'Web',
      message: /Web\.VPCZoneIdentifier is decided at deploy time/,
    },
  },
  notApplicable: {
    'a single placed resource (its own rule judges it)': { template: template({ A: subnet(az(0)), Web: asg([{ Ref: 'A' }]) }), target: 'Web' },
    'nothing placed': { template: template({ Q: res('AWS::SQS::Queue') }) },
  },
}];
