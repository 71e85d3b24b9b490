import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, notForSupport, Outcome, PASS, Rule, undecided, unknown, WA } from './rule';

/** An unknown outcome for a value that is not decided: set at deploy time, or not set and without a documented default. */
function notDecided(r: Resource, path: string, known: { readonly reason: string }): Outcome {
  return r.has(path)
    ? unknown(path, `${path} is ${known.reason}, so this can only be decided at deploy time.`)
    : unknown(path, `${path} is not set and has no documented default, so this cannot be decided from the template.`);
}

const VERSIONING = 'VersioningConfiguration.Status';

/**
 * Support stores: buckets (and their keys) that hold logs, or content that the next pipeline run or
 * deployment writes again, rather than the workload's data.
 */
export const SUPPORT_STORES = ['log-destination', 'pipeline-artifacts', 'deployment-target', 'cdk-bootstrap'] as const;

export const S3_VERSIONING: Rule = {
  id: 'HA-BUCKET1',
  title: 'S3 bucket is not versioned',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::S3::Bucket'],
  explanation:
    'S3 stores objects redundantly across zones, but an overwrite or a delete, by a bug, a script or a person, is final on an '
    + 'unversioned bucket. Versioning keeps the previous versions, so an object can be restored; it is also required for '
    + 'replication and for AWS Backup of S3.',
  flags: 'A bucket whose `VersioningConfiguration.Status` is absent or `Suspended`, unless Object Lock is on (which turns versioning on). '
    + 'Buckets the templates show to be support stores are not judged: a log destination (of a load balancer, a distribution, a '
    + 'bucket, a trail or flow logs), a CodePipeline artifact store, the target of a CDK bucket deployment, a CDK bootstrap bucket.',
  defaults: 'A bucket is unversioned unless `VersioningConfiguration` is set; `ObjectLockEnabled: true` enables versioning.',
  remediation: 'Set `VersioningConfiguration: { Status: Enabled }` (CDK: `versioned: true`), with a lifecycle rule that expires noncurrent '
    + 'versions (`NoncurrentVersionExpiration`, CDK: `noncurrentVersionExpiration`) to bound the cost.',
  raisedBy: 'data-loss',
  references: [
    configRule('s3-bucket-versioning-enabled'),
    { label: 'Retaining multiple versions of objects with S3 Versioning', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html' },
    WA.REL09_BP01,
  ],
  evaluate(r): Outcome {
    const support = notForSupport(r, SUPPORT_STORES);
    if (support) return support;
    const lock = r.bool('ObjectLockEnabled', false);
    if (lock.known && lock.value) return PASS;
    const status = r.str(VERSIONING);
    if (r.has(VERSIONING) && !status.known) return undecided(VERSIONING, status);
    if (status.known && status.value === 'Enabled') return PASS;
    if (!lock.known) return undecided('ObjectLockEnabled', lock);
    return fail(VERSIONING, `Bucket ${r.logicalId} is not versioned (${status.known ? `VersioningConfiguration.Status is ${status.value}` : 'VersioningConfiguration is not set'}): `
      + 'an overwritten or deleted object cannot be restored.');
  },
};

const ENCRYPTION = 'BucketEncryption.ServerSideEncryptionConfiguration';

export const S3_REPLICATION_KMS: Rule = {
  id: 'HA-BUCKET2',
  title: 'S3 replication skips the objects encrypted with KMS',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::S3::Bucket'],
  explanation:
    'S3 replication does not copy objects encrypted with AWS KMS keys (SSE-KMS, DSSE-KMS) unless a rule opts in with '
    + '`SourceSelectionCriteria.SseKmsEncryptedObjects` and names a key for the replicas. A bucket whose default encryption is '
    + 'SSE-KMS then replicates nothing it encrypts by default: the replica that recovery depends on stays empty.',
  flags: 'A bucket with default encryption `aws:kms` or `aws:kms:dsse` and an enabled replication rule without '
    + '`SourceSelectionCriteria.SseKmsEncryptedObjects.Status: Enabled`.',
  defaults: 'Replication skips SSE-KMS objects unless `SseKmsEncryptedObjects` is enabled; a rule\'s `Status` is required.',
  remediation: 'In each replication rule set `SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: Enabled } }` and '
    + '`Destination.EncryptionConfiguration.ReplicaKmsKeyID` to a key in the destination Region (CDK: `replicationRules` with '
    + '`sseKmsEncryptedObjects: true` and `kmsKey`), and allow the replication role to use both keys.',
  references: [
    configRule('s3-bucket-replication-enabled'),
    { label: 'Replicating encrypted objects (SSE-S3, SSE-KMS, DSSE-KMS, SSE-C)', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html' },
    WA.REL13_BP02,
  ],
  evaluate(r): Outcome | Outcome[] {
    if (!r.has('ReplicationConfiguration')) return notApplicable('no replication');
    const rules = r.list('ReplicationConfiguration.Rules');
    if (!rules.known) return unknown('ReplicationConfiguration.Rules', `ReplicationConfiguration.Rules is ${rules.reason}.`);
    const configs = r.list(ENCRYPTION);
    if (!configs.known) return unknown(ENCRYPTION, `The bucket's default encryption is ${configs.reason}.`);
    let kms: string | undefined;
    for (let i = 0; i < configs.value.length; i++) {
      const algorithm = r.str(`${ENCRYPTION}.${i}.ServerSideEncryptionByDefault.SSEAlgorithm`);
      if (!algorithm.known) return unknown(`${ENCRYPTION}.${i}.ServerSideEncryptionByDefault.SSEAlgorithm`, `The default encryption algorithm is ${algorithm.reason}.`);
      if (algorithm.value.startsWith('aws:kms')) kms = algorithm.value;
    }
    if (!kms) return notApplicable('default encryption is not KMS');
    const outcomes: Outcome[] = [];
    for (let i = 0; i < rules.value.length; i++) {
      const status = r.str(`ReplicationConfiguration.Rules.${i}.Status`);
      if (!status.known) { outcomes.push(notDecided(r, `ReplicationConfiguration.Rules.${i}.Status`, status)); continue; }
      if (status.value !== 'Enabled') continue;
      const path = `ReplicationConfiguration.Rules.${i}.SourceSelectionCriteria.SseKmsEncryptedObjects.Status`;
      const kmsObjects = r.str(path, 'Disabled');
      if (!kmsObjects.known) { outcomes.push(undecided(path, kmsObjects)); continue; }
      if (kmsObjects.value === 'Enabled') { outcomes.push(PASS); continue; }
      outcomes.push(fail(path, `Bucket ${r.logicalId} encrypts objects with ${kms} by default, but replication rule ${i} does not replicate `
        + 'KMS-encrypted objects (SseKmsEncryptedObjects is not enabled): those objects never reach the replica.'));
    }
    return outcomes.length ? outcomes : notApplicable('no enabled replication rule');
  },
};

/** Every S3 rule; register these in the rule index. */
export const S3_RULES: readonly Rule[] = [S3_VERSIONING, S3_REPLICATION_KMS];
