import { RuleCases } from './cases';
import { DMS_MULTI_AZ } from '../../../src/checks/rules/dms';
import { res, template } from '../../helpers/templates';

const instance = (props: object = {}) => res('AWS::DMS::ReplicationInstance', { ReplicationInstanceClass: 'dms.t3.medium', ...props });
const serverless = (compute: object) => res('AWS::DMS::ReplicationConfig', {
  ReplicationConfigIdentifier: 'cdc',
  ReplicationType: 'cdc',
  SourceEndpointArn: 'arn:source',
  TargetEndpointArn: 'arn:target',
  TableMappings: {},
  ComputeConfig: { MaxCapacityUnits: 16, ...compute },
});
const params = { Parameters: { P: { Type: 'String' } } };

export const DMS_CASES: RuleCases[] = [
  {
    rule: DMS_MULTI_AZ,
    compliant: {
      'a Multi-AZ replication instance': { template: template({ I: instance({ MultiAZ: true }) }), target: 'I' },
      'a Multi-AZ serverless replication': { template: template({ C: serverless({ MultiAZ: 'true' }) }), target: 'C' },
    },
    nonCompliant: {
      'MultiAZ absent (Single-AZ)': { template: template({ I: instance() }), target: 'I', message: /DMS replication instance I is Single-AZ \(MultiAZ is not set\)/ },
      'MultiAZ false': { template: template({ I: instance({ MultiAZ: false }) }), target: 'I', message: /MultiAZ is false/ },
      'a serverless replication without Multi-AZ': { template: template({ C: serverless({}) }), target: 'C', message: /DMS Serverless replication C .*ComputeConfig.MultiAZ is not set/ },
    },
    unknown: {
      'MultiAZ from a parameter': { template: template({ I: instance({ MultiAZ: { Ref: 'P' } }) }, params), target: 'I', message: /parameter P/ },
      'MultiAZ behind a condition': {
        template: template({ I: instance({ MultiAZ: { 'Fn::If': ['Prod', true, false] } }) }, { ...params, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'P' }, 'prod'] } } }),
        target: 'I',
        message: /condition Prod/,
      },
    },
    notApplicable: {
      'a DMS endpoint only': { template: template({ E: res('AWS::DMS::Endpoint', { EndpointType: 'source', EngineName: 'postgres' }) }) },
    },
  },
];
