import { RuleCategory, Severity } from '../types';
import { configRule, fail, PASS, Rule, undecided, WA } from './rule';

export const DMS_MULTI_AZ: Rule = {
  id: 'HA-DMS1',
  title: 'DMS replication instance is not Multi-AZ',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::DMS::ReplicationInstance', 'AWS::DMS::ReplicationConfig'],
  explanation:
    'A Single-AZ replication instance has no standby: when its host or Availability Zone fails, every task on it stops '
    + 'until DMS replaces the instance, and ongoing replication (change data capture) falls behind the source, or has to be '
    + 'restarted if the source no longer keeps the changes it missed. A Multi-AZ instance fails over to a synchronous standby '
    + 'in another zone. The same holds for the compute of a DMS Serverless replication.',
  flags: 'A replication instance with `MultiAZ` absent or false, or a DMS Serverless replication config with `ComputeConfig.MultiAZ` absent or false.',
  defaults: '`MultiAZ` (and `ComputeConfig.MultiAZ`) absent means a Single-AZ deployment in one zone DMS picks.',
  remediation:
    'Set `MultiAZ: true` on the replication instance (CDK: `multiAz: true` on `dms.CfnReplicationInstance`), or '
    + '`ComputeConfig.MultiAZ: true` on a serverless replication config; do not pin an `AvailabilityZone`.',
  references: [
    configRule('dms-replication-instance-multi-az-enabled'),
    { label: 'Working with an AWS DMS replication instance', url: 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.html' },
    WA.REL10_BP01,
  ],
  evaluate(r) {
    const serverless = r.type === 'AWS::DMS::ReplicationConfig';
    const property = serverless ? 'ComputeConfig.MultiAZ' : 'MultiAZ';
    const multiAz = r.bool(property, false);
    if (!multiAz.known) return undecided(property, multiAz);
    if (multiAz.value) return PASS;
    return fail(property,
      `${serverless ? 'DMS Serverless replication' : 'DMS replication instance'} ${r.logicalId} is Single-AZ (${property} is ${multiAz.explicit ? 'false' : 'not set'}): `
      + 'a host or Availability Zone failure stops its replication tasks until DMS replaces it, and ongoing replication falls behind the source.');
  },
};

/** Every rule of this file. */
export const DMS_RULES: readonly Rule[] = [DMS_MULTI_AZ];
