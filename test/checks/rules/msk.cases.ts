import { RuleCases } from './cases';
import { MSK_REPLICATION, MSK_ZONES } from '../../../src/checks/rules/msk';
import { az, res, subnet, template } from '../../helpers/templates';

const cluster = (subnets: unknown[] | object, extra: object = {}) => res('AWS::MSK::Cluster', {
  ClusterName: 'events',
  KafkaVersion: '3.6.0',
  NumberOfBrokerNodes: 3,
  BrokerNodeGroupInfo: { InstanceType: 'kafka.m7g.large', ClientSubnets: subnets },
  ...extra,
});
const zones = (...list: unknown[]) => Object.fromEntries(list.map((z, i) => [`S${i}`, subnet(z as any)]));
const refs = (n: number) => Array.from({ length: n }, (_, i) => ({ Ref: `S${i}` }));
const withConfig = (properties: unknown) => template({
  ...zones(az(0), az(1), az(2)),
  Config: res('AWS::MSK::Configuration', { Name: 'cfg', ServerProperties: properties }),
  C: cluster(refs(3), { ConfigurationInfo: { Arn: { 'Fn::GetAtt': ['Config', 'Arn'] }, Revision: 1 } }),
}, { Parameters: { P: { Type: 'String' } } });

export const MSK_CASES: RuleCases[] = [
  {
    rule: MSK_ZONES,
    compliant: {
      'three zones': { template: template({ ...zones(az(0), az(1), az(2)), C: cluster(refs(3)) }), target: 'C' },
      'three literal zones': { template: template({ ...zones('eu-west-1a', 'eu-west-1b', 'eu-west-1c'), C: cluster(refs(3)) }), target: 'C' },
    },
    nonCompliant: {
      'two zones': { template: template({ ...zones(az(0), az(1)), C: cluster(refs(2), { NumberOfBrokerNodes: 2 }) }), target: 'C', message: /ClientSubnets\), and so its brokers, in 2 Availability Zones \(zone 1 of the Region, zone 2 of the Region\)/ },
      'three subnets in two zones': { template: template({ ...zones('eu-west-1a', 'eu-west-1b', 'eu-west-1a'), C: cluster(refs(3)) }), target: 'C' },
    },
    unknown: {
      'subnets from a parameter': { template: template({ C: cluster({ Ref: 'Subnets' }) }, { Parameters: { Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } } }), target: 'C', message: /parameter Subnets/ },
      'a subnet placed by AWS': { template: template({ ...zones(az(0), az(1), undefined), C: cluster(refs(3)) }), target: 'C', message: /chosen by AWS/ },
    },
    notApplicable: {
      'an MSK Serverless cluster': { template: template({ C: res('AWS::MSK::ServerlessCluster', { ClusterName: 's', VpcConfigs: [], ClientAuthentication: {} }) }) },
    },
  },
  {
    rule: MSK_REPLICATION,
    compliant: {
      'a configuration keeping 3 replicas and 2 in sync': { template: withConfig('auto.create.topics.enable=false\ndefault.replication.factor=3\nmin.insync.replicas=2\n'), target: 'C' },
      'a configuration that leaves them out': { template: withConfig('auto.create.topics.enable=true\n'), target: 'C' },
    },
    nonCompliant: {
      'replication factor 2': { template: withConfig('default.replication.factor=2\nmin.insync.replicas=2\n'), target: 'C', message: /configuration Config with default.replication.factor 2/ },
      'one in-sync replica': { template: withConfig('min.insync.replicas = 1'), target: 'C', message: /min.insync.replicas 1/ },
      'replication factor 1 (a warning)': { template: withConfig('default.replication.factor=1'), target: 'C', severity: 'warning' },
      'base64-encoded properties': { template: withConfig(Buffer.from('default.replication.factor=2\n').toString('base64')), target: 'C', message: /default.replication.factor 2/ },
    },
    unknown: {
      'a configuration from another stack': {
        template: template({ ...zones(az(0), az(1), az(2)), C: cluster(refs(3), { ConfigurationInfo: { Arn: { 'Fn::ImportValue': 'cfg' }, Revision: 1 } }) }),
        target: 'C',
        message: /defined outside this template/,
      },
      'properties from a parameter': { template: withConfig({ Ref: 'P' }), target: 'C', message: /decided at deploy time/ },
    },
    notApplicable: {
      'no custom configuration (MSK defaults)': { template: template({ ...zones(az(0), az(1), az(2)), C: cluster(refs(3)) }), target: 'C' },
    },
  },
];
