import { RuleCases } from './cases';
import {
  REDSHIFT_BACKUP_RETENTION, REDSHIFT_BACKUPS, REDSHIFT_MULTI_AZ, REDSHIFT_SINGLE_NODE, REDSHIFT_SUBNET_GROUP,
} from '../../../src/checks/rules/redshift';
import { az, res, subnet, template } from '../../helpers/templates';

const cluster = (props: object = {}) => res('AWS::Redshift::Cluster', {
  ClusterType: 'multi-node', NumberOfNodes: 2, NodeType: 'ra3.xlplus', DBName: 'dw', MasterUsername: 'admin', MultiAZ: true, ...props,
});
const params = { Parameters: { N: { Type: 'Number' }, P: { Type: 'String' } } };
const group = (subnets: unknown) => res('AWS::Redshift::ClusterSubnetGroup', { Description: 'dw', SubnetIds: subnets });

export const REDSHIFT_CASES: RuleCases[] = [
  {
    rule: REDSHIFT_SINGLE_NODE,
    compliant: { 'two nodes': { template: template({ C: cluster() }), target: 'C' } },
    nonCompliant: {
      'a single-node cluster': { template: template({ C: cluster({ ClusterType: 'single-node', NumberOfNodes: undefined }) }), target: 'C', message: /Redshift cluster C is a single node \(ClusterType single-node\):/ },
      'multi-node without a node count (defaults to 1)': { template: template({ C: cluster({ NumberOfNodes: undefined }) }), target: 'C', message: /NumberOfNodes is not set/ },
    },
    unknown: { 'the node count from a parameter': { template: template({ C: cluster({ NumberOfNodes: { Ref: 'N' } }) }, params), target: 'C', message: /parameter N/ } },
    notApplicable: { 'a Redshift Serverless workgroup': { template: template({ W: res('AWS::RedshiftServerless::Workgroup', { WorkgroupName: 'w' }) }) } },
  },
  {
    rule: REDSHIFT_MULTI_AZ,
    compliant: { 'an RA3 Multi-AZ cluster': { template: template({ C: cluster() }), target: 'C' } },
    nonCompliant: {
      'an RA3 cluster without Multi-AZ': { template: template({ C: cluster({ MultiAZ: undefined }) }), target: 'C', message: /Single-AZ \(MultiAZ is not set\)/ },
      'Multi-AZ false': { template: template({ C: cluster({ MultiAZ: false, NodeType: 'ra3.4xlarge' }) }), target: 'C', message: /MultiAZ is false/ },
    },
    unknown: {
      'Multi-AZ from a parameter': { template: template({ C: cluster({ MultiAZ: { Ref: 'P' } }) }, params), target: 'C', message: /parameter P/ },
      'the node type from a parameter': { template: template({ C: cluster({ NodeType: { Ref: 'P' } }) }, params), target: 'C', message: /NodeType is the parameter P/ },
    },
    notApplicable: {
      'a DC2 cluster (no Multi-AZ)': { template: template({ C: cluster({ NodeType: 'dc2.large', MultiAZ: undefined }) }), target: 'C' },
      'a single-node RA3 cluster': { template: template({ C: cluster({ ClusterType: 'single-node', MultiAZ: undefined }) }), target: 'C' },
    },
  },
  {
    rule: REDSHIFT_SUBNET_GROUP,
    compliant: { 'subnets in two zones': { template: template({ S0: subnet(az(0)), S1: subnet(az(1)), G: group([{ Ref: 'S0' }, { Ref: 'S1' }]) }), target: 'G' } },
    nonCompliant: { 'subnets in one zone': { template: template({ S0: subnet('eu-west-1a'), S1: subnet('eu-west-1a'), G: group([{ Ref: 'S0' }, { Ref: 'S1' }]) }), target: 'G', message: /one Availability Zone \(eu-west-1a\)/ } },
    unknown: { 'subnets from a parameter': { template: template({ G: group({ Ref: 'P' }) }, params), target: 'G', message: /parameter P/ } },
    notApplicable: { 'an RDS subnet group': { template: template({ G: res('AWS::RDS::DBSubnetGroup', { DBSubnetGroupDescription: 'd', SubnetIds: [] }) }) } },
  },
  {
    rule: REDSHIFT_BACKUPS,
    compliant: {
      'retention absent (defaults to 1 day)': { template: template({ C: cluster() }), target: 'C' },
      '7 days': { template: template({ C: cluster({ AutomatedSnapshotRetentionPeriod: 7 }) }), target: 'C' },
    },
    nonCompliant: { 'snapshots off': { template: template({ C: cluster({ AutomatedSnapshotRetentionPeriod: 0 }) }), target: 'C', message: /AutomatedSnapshotRetentionPeriod 0/ } },
    unknown: { 'retention from a parameter': { template: template({ C: cluster({ AutomatedSnapshotRetentionPeriod: { Ref: 'N' } }) }, params), target: 'C' } },
    notApplicable: { 'a subnet group only': { template: template({ G: group([]) }) } },
  },
  {
    rule: REDSHIFT_BACKUP_RETENTION,
    compliant: { '7 days': { template: template({ C: cluster({ AutomatedSnapshotRetentionPeriod: 7 }) }), target: 'C' } },
    nonCompliant: {
      'retention absent (defaults to 1 day)': { template: template({ C: cluster() }), target: 'C', message: /1 day \(AutomatedSnapshotRetentionPeriod is not set\)/ },
      '3 days': { template: template({ C: cluster({ AutomatedSnapshotRetentionPeriod: '3' }) }), target: 'C', message: /3 days:/ },
    },
    unknown: { 'retention imported': { template: template({ C: cluster({ AutomatedSnapshotRetentionPeriod: { 'Fn::ImportValue': 'days' } }) }), target: 'C', message: /imported/ } },
    notApplicable: { 'snapshots off (reported by the snapshots rule)': { template: template({ C: cluster({ AutomatedSnapshotRetentionPeriod: 0 }) }), target: 'C' } },
  },
];
