import { asBoolean } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, PASS, Rule, undecided, unknown, WA } from './rule';

const CHECKPOINTS = 'ApplicationConfiguration.FlinkApplicationConfiguration.CheckpointConfiguration';

export const FLINK_CHECKPOINTS: Rule = {
  id: 'HA-KINESIS1',
  title: 'Managed Service for Apache Flink application has checkpointing turned off',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::KinesisAnalyticsV2::Application'],
  explanation:
    'Checkpoints are how a Flink application survives failure: when a task manager fails or the service restarts the job '
    + '(after a fault, during scaling or maintenance), it resumes from the latest checkpoint. With checkpointing off, the '
    + 'application restarts with empty state, so windows, aggregates and exactly-once progress are lost.',
  flags: 'A Flink application whose `CheckpointConfiguration` has `ConfigurationType: CUSTOM` and `CheckpointingEnabled: false`.',
  defaults:
    'With `ConfigurationType: DEFAULT` the service forces checkpointing on (every 60 seconds), whatever other values say; an '
    + 'absent `CheckpointConfiguration` gets that default behaviour, so, unlike cdk-nag KDA3, an absent configuration is not flagged. '
    + 'With `CUSTOM`, `CheckpointingEnabled` has no documented default, so an absent value is undecided.',
  remediation: 'Use `ConfigurationType: DEFAULT`, or `CUSTOM` with `CheckpointingEnabled: true` (CDK: `checkpointingEnabled: true`, the '
    + 'default, on the Flink `Application` construct).',
  references: [
    { label: 'Implement fault tolerance in Managed Service for Apache Flink', url: 'https://docs.aws.amazon.com/managed-flink/latest/java/how-fault.html' },
    WA.REL11_BP03,
  ],
  evaluate(r) {
    const runtime = r.str('RuntimeEnvironment');
    if (!runtime.known) return undecided('RuntimeEnvironment', runtime);
    if (!runtime.value.toUpperCase().startsWith('FLINK-')) return notApplicable(`runtime ${runtime.value} is not a Flink application`);
    const config = r.value(CHECKPOINTS);
    if (config.kind === 'absent') return PASS;
    const type = r.str(`${CHECKPOINTS}.ConfigurationType`, 'DEFAULT');
    if (!type.known) return undecided(`${CHECKPOINTS}.ConfigurationType`, type);
    if (type.value.toUpperCase() !== 'CUSTOM') return PASS;
    const path = `${CHECKPOINTS}.CheckpointingEnabled`;
    const value = r.value(path);
    if (value.kind === 'absent') {
      return unknown(path, `Flink application ${r.logicalId} uses a CUSTOM checkpoint configuration without CheckpointingEnabled, which has no documented default.`);
    }
    const enabled = asBoolean(value, false);
    if (!enabled.known) return undecided(path, enabled);
    if (enabled.value) return PASS;
    return fail(path, `Flink application ${r.logicalId} has checkpointing turned off (CUSTOM CheckpointConfiguration with CheckpointingEnabled false): `
      + 'when a task manager fails or the job restarts, its state is lost and processing restarts without it.');
  },
};

/** The retention below which a stream is reported: 7 days, as the AWS Config rule and Security Hub expect. */
const MIN_RETENTION_HOURS = 168;

export const STREAM_RETENTION: Rule = {
  id: 'HA-KINESIS2',
  title: 'Kinesis data stream keeps records for less than 7 days',
  severity: Severity.INFO,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::Kinesis::Stream'],
  explanation:
    'A stream is the only copy of records that consumers have not yet processed. With the default retention of 24 hours, a '
    + 'consumer that is down or failing for longer than a day loses records, and a bug found later cannot be fixed by '
    + 'replaying the stream. Seven days covers a weekend outage; longer retention costs extra per shard hour.',
  flags: 'A stream with `RetentionPeriodHours` absent or below 168.',
  defaults: '`RetentionPeriodHours` defaults to 24.',
  remediation: 'Set `RetentionPeriodHours` to 168 or more (CDK: `retentionPeriod: Duration.days(7)` on `kinesis.Stream`).',
  references: [
    configRule('kinesis-stream-backup-retention-check'),
    { label: 'Change the data retention period (Kinesis Data Streams)', url: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html' },
    WA.REL09_BP03,
  ],
  evaluate(r) {
    const hours = r.num('RetentionPeriodHours', 24);
    if (!hours.known) return undecided('RetentionPeriodHours', hours);
    if (hours.value >= MIN_RETENTION_HOURS) return PASS;
    return fail('RetentionPeriodHours', `Kinesis stream ${r.logicalId} keeps records for ${hours.value} hours`
      + `${hours.explicit ? '' : ' (RetentionPeriodHours is not set)'}: records that consumers have not processed within that time are lost, `
      + 'and there is nothing older to replay after a bug.');
  },
};

/** Every rule of this file. */
export const KINESIS_RULES: readonly Rule[] = [FLINK_CHECKPOINTS, STREAM_RETENTION];
