import { RuleCategory, Severity } from '../types';
import { configRule, fail, PASS, Rule, undecided, unknown, WA } from './rule';

const PITR = 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled';

export const DYNAMODB_PITR: Rule = {
  id: 'HA-DDB1',
  title: 'DynamoDB table has no point-in-time recovery',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  explanation:
    'DynamoDB replicates across zones, so a zone failure loses nothing, but a bad write, a buggy deployment or a deleted '
    + 'item is replicated too. Point-in-time recovery restores the table to any second of the last 35 days (restorable '
    + 'to about five minutes before now); without it only on-demand backups can help.',
  flags: 'A table with point-in-time recovery absent or off; for a global table, any replica with it absent or off.',
  defaults: '`PointInTimeRecoveryEnabled` defaults to false.',
  remediation: 'Turn on point-in-time recovery (CDK: `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` on `Table`, or on every replica of `TableV2`).',
  references: [configRule('dynamodb-pitr-enabled'), WA.REL09_BP03],
  evaluate(r) {
    if (r.type === 'AWS::DynamoDB::Table') {
      const pitr = r.bool(PITR, false);
      if (!pitr.known) return undecided(PITR, pitr);
      return pitr.value ? PASS : fail(PITR, `Table ${r.logicalId} has point-in-time recovery ${pitr.explicit ? 'turned off' : 'not enabled'}: data corrupted by a bad write cannot be restored to the minute before.`);
    }
    const replicas = r.list('Replicas');
    if (!replicas.known) return unknown('Replicas', `Replicas is ${replicas.reason}.`);
    const outcomes = replicas.value.map((_, i) => {
      const path = `Replicas.${i}.${PITR}`;
      const region = r.str(`Replicas.${i}.Region`);
      const label = region.known ? `replica in ${region.value}` : `replica ${i}`;
      const pitr = r.bool(path, false);
      if (!pitr.known) return undecided(path, pitr);
      return pitr.value ? PASS : fail(path, `Global table ${r.logicalId} has point-in-time recovery off on its ${label}.`);
    });
    return outcomes.length ? outcomes : [PASS];
  },
};
