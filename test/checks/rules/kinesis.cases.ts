import { RuleCases } from './cases';
import { FLINK_CHECKPOINTS, STREAM_RETENTION } from '../../../src/checks/rules/kinesis';
import { res, template } from '../../helpers/templates';

const app = (checkpoints?: object, runtime: unknown = 'FLINK-1_20') => res('AWS::KinesisAnalyticsV2::Application', {
  RuntimeEnvironment: runtime,
  ServiceExecutionRole: 'arn:aws:iam::111111111111:role/flink',
  ApplicationConfiguration: { FlinkApplicationConfiguration: checkpoints ? { CheckpointConfiguration: checkpoints } : {} },
});
const params = { Parameters: { P: { Type: 'String' }, N: { Type: 'Number' } } };

export const KINESIS_CASES: RuleCases[] = [
  {
    rule: FLINK_CHECKPOINTS,
    compliant: {
      'no checkpoint configuration (the service default checkpoints)': { template: template({ A: app() }), target: 'A' },
      'the DEFAULT configuration': { template: template({ A: app({ ConfigurationType: 'DEFAULT' }) }), target: 'A' },
      'a CUSTOM configuration with checkpointing': { template: template({ A: app({ ConfigurationType: 'CUSTOM', CheckpointingEnabled: true, CheckpointInterval: 30000 }) }), target: 'A' },
    },
    nonCompliant: {
      'checkpointing turned off': { template: template({ A: app({ ConfigurationType: 'CUSTOM', CheckpointingEnabled: false }) }), target: 'A', message: /Flink application A has checkpointing turned off/ },
    },
    unknown: {
      'checkpointing from a parameter': { template: template({ A: app({ ConfigurationType: 'CUSTOM', CheckpointingEnabled: { Ref: 'P' } }) }, params), target: 'A', message: /parameter P/ },
      'CUSTOM without CheckpointingEnabled': { template: template({ A: app({ ConfigurationType: 'CUSTOM' }) }), target: 'A', message: /no documented default/ },
    },
    notApplicable: {
      'a legacy SQL application': { template: template({ A: app(undefined, 'SQL-1_0') }), target: 'A' },
    },
  },
  {
    rule: STREAM_RETENTION,
    compliant: { 'seven days': { template: template({ S: res('AWS::Kinesis::Stream', { RetentionPeriodHours: 168 }) }), target: 'S' } },
    nonCompliant: {
      'retention absent (defaults to 24 hours)': { template: template({ S: res('AWS::Kinesis::Stream', { ShardCount: 1 }) }), target: 'S', message: /keeps records for 24 hours \(RetentionPeriodHours is not set\)/ },
      '48 hours': { template: template({ S: res('AWS::Kinesis::Stream', { RetentionPeriodHours: '48' }) }), target: 'S', message: /48 hours:/ },
    },
    unknown: { 'retention from a parameter': { template: template({ S: res('AWS::Kinesis::Stream', { RetentionPeriodHours: { Ref: 'N' } }) }, params), target: 'S', message: /parameter N/ } },
    notApplicable: { 'a Firehose delivery stream': { template: template({ F: res('AWS::KinesisFirehose::DeliveryStream', {}) }) } },
  },
];
