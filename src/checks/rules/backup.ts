import { isObject, Json, JsonObject, scalarText } from '../model/json';
import { Resource, resourceOf, TemplateModel } from '../model/template-model';
import { asString, describeUndecided, evaluate, intrinsicName, linkedResources, valueAt } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, PASS, Rule, RuleContext, RuleReference, unknown, WA } from './rule';

/** Whether something in the template backs a resource up: an AWS Backup selection, or (for EBS) a DLM policy. */
export type Protection =
  | { readonly status: 'protected'; readonly by: string }
  | { readonly status: 'unprotected' }
  | { readonly status: 'unknown'; readonly reason: string };

/** A three-valued answer: yes, no, or undecided with the reason. */
type Tri = true | false | { readonly undecided: string };

function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === false) return b;
  return a;
}

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true) return b;
  return a;
}

function not(a: Tri): Tri {
  return a === true ? false : a === false ? true : a;
}

/** How AWS Backup names a resource of each type in an ARN: the service and the resource part before the ID. */
const ARN_SHAPES: Record<string, { service: string; prefix: string; nameProperty?: string }> = {
  'AWS::EC2::Instance': { service: 'ec2', prefix: 'instance/' },
  'AWS::EC2::Volume': { service: 'ec2', prefix: 'volume/' },
  'AWS::EFS::FileSystem': { service: 'elasticfilesystem', prefix: 'file-system/' },
  'AWS::FSx::FileSystem': { service: 'fsx', prefix: 'file-system/' },
  'AWS::RDS::DBInstance': { service: 'rds', prefix: 'db:', nameProperty: 'DBInstanceIdentifier' },
  'AWS::RDS::DBCluster': { service: 'rds', prefix: 'cluster:', nameProperty: 'DBClusterIdentifier' },
  'AWS::DynamoDB::Table': { service: 'dynamodb', prefix: 'table/', nameProperty: 'TableName' },
  'AWS::S3::Bucket': { service: 's3', prefix: '', nameProperty: 'BucketName' },
};

const PSEUDO_IN_ARNS = /\$\{AWS::(Partition|Region|AccountId|URLSuffix)\}/g;

/**
 * Whether text matches a wildcard pattern (`*` any run, `?` one character), ignoring case. It
 * remembers only the last `*`, so a pattern from a template takes at most length × length steps,
 * where a regular expression could backtrack exponentially.
 */
function globMatches(glob: string, text: string): boolean {
  const g = glob.toLowerCase();
  const t = text.toLowerCase();
  let gi = 0;
  let ti = 0;
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    if (gi < g.length && (g[gi] === '?' || g[gi] === t[ti])) { gi++; ti++; } else if (gi < g.length && g[gi] === '*') { star = gi++; resume = ti; } else if (star >= 0) { gi = star + 1; ti = ++resume; } else {
      return false;
    }
  }
  while (gi < g.length && g[gi] === '*') gi++;
  return gi === g.length;
}

/**
 * The text of an ARN pattern in a selection, with pseudo parameters (partition, Region, account) as
 * wildcards; undefined with a reason when other parts are decided at deploy time.
 */
function arnPattern(raw: Json, model: TemplateModel): { pattern: string } | { undecided: string } {
  const value = evaluate(raw, model);
  if (value.kind === 'literal' && typeof value.value === 'string') return { pattern: value.value };
  const fn = intrinsicName(raw);
  if (fn === 'Fn::Sub') {
    const arg = (raw as JsonObject)['Fn::Sub'];
    const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (text !== undefined) {
      const rendered = text.replace(PSEUDO_IN_ARNS, '*');
      if (!/\$\{(?!!)/.test(rendered)) return { pattern: rendered };
    }
  }
  if (fn === 'Fn::Join') {
    const arg = (raw as JsonObject)['Fn::Join'];
    if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
      const parts: string[] = [];
      for (const part of arg[1]) {
        const v = evaluate(part, model);
        if (v.kind === 'literal' && typeof v.value === 'string') parts.push(v.value);
        else if (intrinsicName(part) === 'Ref' && /^AWS::(Partition|Region|AccountId|URLSuffix)$/.test(scalarText((part as JsonObject).Ref) ?? '')) parts.push('*');
        else return { undecided: describeUndecided(v) };
      }
      return { pattern: parts.join(arg[0]) };
    }
  }
  return { undecided: describeUndecided(value) };
}

/** Whether an ARN pattern (`*`, `arn:aws:ec2:*:*:volume/*`, ...) matches a template resource. */
function patternMatches(pattern: string, r: Resource): Tri {
  if (pattern === '*') return true;
  const shape = ARN_SHAPES[r.type];
  if (!shape) return false;
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0].toLowerCase() !== 'arn') return false;
  if (!globMatches(parts[2], shape.service)) return false;
  const resourcePart = parts.slice(5).join(':');
  if (!resourcePart.toLowerCase().startsWith(shape.prefix) && !resourcePart.startsWith('*')) return false;
  const idGlob = resourcePart.startsWith('*') ? resourcePart : resourcePart.slice(shape.prefix.length);
  if (/^\*+$/.test(idGlob)) return true;
  if (!idGlob.includes('*') && !idGlob.includes('?')) return false; // names one existing resource
  const name = shape.nameProperty ? r.str(shape.nameProperty) : undefined;
  if (name?.known) return globMatches(idGlob, name.value);
  return { undecided: `the pattern ${pattern} may match the name AWS gives ${r.logicalId}` };
}

/** Whether a list of ARNs (a selection's `Resources` or `NotResources`) names the resource. */
function listNames(selection: Resource, property: string, r: Resource): Tri {
  if (!selection.has(property)) return false;
  const list = selection.list(property);
  if (!list.known) return { undecided: `${property} of ${selection.logicalId} is ${list.reason}` };
  let result: Tri = false;
  for (const item of list.value) {
    // The selection may be in another stack of the workload, and name the resource through an import.
    const refs = linkedResources(item, selection.model);
    if (refs.some(ref => ref.model === r.model && ref.logicalId === r.logicalId)) return true;
    if (refs.length > 0) continue; // another resource of the workload
    const p = arnPattern(item, selection.model);
    result = or(result, 'pattern' in p ? patternMatches(p.pattern, r)
      : { undecided: `an entry of ${property} of ${selection.logicalId} is ${p.undecided}` });
  }
  return result;
}

/** The tags of a resource, by key; a key's value may be undecided. */
type Tags = { readonly known: true; readonly tags: Map<string, string | undefined> } | { readonly known: false; readonly reason: string };

/** The tags of a resource (`Tags`, or `FileSystemTags` for EFS), as `[{ Key, Value }]`. */
export function tagsOf(r: Resource): Tags {
  const property = r.type === 'AWS::EFS::FileSystem' ? 'FileSystemTags' : 'Tags';
  const list = r.list(property);
  if (!list.known) return { known: false, reason: `${property} is ${list.reason}` };
  const tags = new Map<string, string | undefined>();
  for (let i = 0; i < list.value.length; i++) {
    const key = r.str(`${property}.${i}.Key`);
    if (!key.known) return { known: false, reason: `a tag key of ${r.logicalId} is ${key.reason}` };
    const value = r.str(`${property}.${i}.Value`, '');
    tags.set(key.value, value.known ? value.value : undefined);
  }
  return { known: true, tags };
}

/** Whether a resource carries a tag with this key and a value that is `expected` (a glob when `like`). */
function hasTag(tags: Tags, r: Resource, key: string, expected: string, like = false): Tri {
  if (!tags.known) return { undecided: tags.reason };
  if (!tags.tags.has(key)) return false;
  const value = tags.tags.get(key);
  if (value === undefined) return { undecided: `the value of tag ${key} on ${r.logicalId} is decided at deploy time` };
  return like ? globMatches(expected, value) : value === expected;
}

/** Whether a selection's `ListOfTags` (any of) selects the resource. */
function tagListSelects(selection: Resource, r: Resource, tags: Tags): Tri {
  const path = 'BackupSelection.ListOfTags';
  if (!selection.has(path)) return false;
  const list = selection.list(path);
  if (!list.known) return { undecided: `ListOfTags of ${selection.logicalId} is ${list.reason}` };
  let result: Tri = false;
  for (let i = 0; i < list.value.length; i++) {
    const key = selection.str(`${path}.${i}.ConditionKey`);
    const value = selection.str(`${path}.${i}.ConditionValue`);
    if (!key.known || !value.known) {
      result = or(result, { undecided: `a tag condition of ${selection.logicalId} is decided at deploy time` });
      continue;
    }
    result = or(result, hasTag(tags, r, key.value, value.value));
  }
  return result;
}

/** Whether every entry of a selection's `Conditions` holds for the resource. */
function conditionsHold(selection: Resource, r: Resource, tags: Tags): Tri {
  const path = 'BackupSelection.Conditions';
  if (!selection.has(path)) return true;
  let result: Tri = true;
  for (const op of ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike']) {
    const list = selection.list(`${path}.${op}`);
    if (!list.known) return { undecided: `Conditions.${op} of ${selection.logicalId} is ${list.reason}` };
    for (let i = 0; i < list.value.length; i++) {
      const key = selection.str(`${path}.${op}.${i}.ConditionKey`);
      const value = selection.str(`${path}.${op}.${i}.ConditionValue`);
      if (!key.known || !value.known) {
        result = and(result, { undecided: `a condition of ${selection.logicalId} is decided at deploy time` });
        continue;
      }
      const tagKey = key.value.replace(/^aws:ResourceTag\//, '');
      const like = op.endsWith('Like');
      const match = hasTag(tags, r, tagKey, value.value, like);
      result = and(result, op.includes('Not') ? not(match) : match);
    }
  }
  return result;
}

/** Whether one AWS Backup selection selects the resource. */
function selectionSelects(selection: Resource, r: Resource, tags: Tags): Tri {
  if (!isObject(selection.properties.BackupSelection) && evaluate(selection.properties.BackupSelection, selection.model).kind !== 'literal') {
    return { undecided: `the BackupSelection of ${selection.logicalId} is decided at deploy time` };
  }
  const named = or(listNames(selection, 'BackupSelection.Resources', r), tagListSelects(selection, r, tags));
  const excluded = listNames(selection, 'BackupSelection.NotResources', r);
  return and(and(named, not(excluded)), conditionsHold(selection, r, tags));
}

/** Whether an enabled DLM policy snapshots an EBS volume or an EC2 instance. */
function dlmSelects(policy: Resource, r: Resource, tags: Tags): Tri {
  const state = policy.str('State', 'ENABLED');
  if (state.known && state.value.toUpperCase() === 'DISABLED') return false;
  const wanted = r.type === 'AWS::EC2::Instance' ? 'INSTANCE' : 'VOLUME';
  const defaultPolicy = policy.str('DefaultPolicy');
  if (defaultPolicy.known) return defaultPolicy.value.toUpperCase() === wanted;
  const types = policy.list('PolicyDetails.ResourceTypes');
  if (!types.known) return { undecided: `the resource types of DLM policy ${policy.logicalId} are ${types.reason}` };
  if (!types.value.some(t => (scalarText(t) ?? '').toUpperCase() === wanted)) return false;
  const targets = policy.list('PolicyDetails.TargetTags');
  if (!targets.known) return { undecided: `the target tags of DLM policy ${policy.logicalId} are ${targets.reason}` };
  let result: Tri = false;
  for (let i = 0; i < targets.value.length; i++) {
    const key = policy.str(`PolicyDetails.TargetTags.${i}.Key`);
    const value = policy.str(`PolicyDetails.TargetTags.${i}.Value`);
    if (!key.known || !value.known) {
      result = or(result, { undecided: `a target tag of DLM policy ${policy.logicalId} is decided at deploy time` });
      continue;
    }
    result = or(result, hasTag(tags, r, key.value, value.value));
  }
  return result;
}

/** A tag that says the resource is meant to be backed up by a selection elsewhere (`backup: daily`). */
function backupTag(tags: Tags): string | undefined {
  if (!tags.known) return undefined;
  for (const [key, value] of tags.tags) {
    if (key.startsWith('aws:') || key.startsWith('aws-cdk:')) continue;
    if (/backup/i.test(key) || /backup/i.test(value ?? '')) return value === undefined ? key : `${key}=${value}`;
  }
  return undefined;
}

/**
 * Whether an AWS Backup selection of the template (or, for EBS volumes and EC2 instances, a DLM
 * policy) selects the resource. Selections by ARN, by wildcard, by tag and by conditions are
 * followed; values decided at deploy time make the answer unknown. A resource tagged for backups
 * that nothing in the template selects is unknown too: a selection in another stack or an AWS
 * Organizations backup policy may select it by that tag.
 */
export function protectionOf(r: Resource, ctx: RuleContext): Protection {
  const tags = tagsOf(r);
  let undecided: string | undefined;
  for (const selection of ctx.model.workload.ofType('AWS::Backup::BackupSelection')) {
    const selects = selectionSelects(selection, r, tags);
    if (selects === true) return { status: 'protected', by: `AWS Backup selection ${selection.logicalId}` };
    if (selects !== false) undecided ??= selects.undecided;
  }
  if (r.type === 'AWS::EC2::Instance' || r.type === 'AWS::EC2::Volume') {
    for (const policy of ctx.model.workload.ofType('AWS::DLM::LifecyclePolicy')) {
      const selects = dlmSelects(policy, r, tags);
      if (selects === true) return { status: 'protected', by: `DLM policy ${policy.logicalId}` };
      if (selects !== false) undecided ??= selects.undecided;
    }
  }
  if (undecided) return { status: 'unknown', reason: undecided };
  const tag = backupTag(tags);
  if (tag) {
    return {
      status: 'unknown',
      reason: `no selection in this template selects it, but its tag ${tag} suggests a backup plan in another stack or an AWS Organizations backup policy selects it by tag`,
    };
  }
  return { status: 'unprotected' };
}

/** The instance an EBS volume is attached to, if the template attaches it to one. */
function attachedInstance(volume: Resource, ctx: RuleContext): Resource | undefined {
  const attachment = ctx.topology.referrers('AWS::EC2::VolumeAttachment', 'VolumeId', volume.logicalId)[0];
  if (attachment) {
    const instance = resourceOf(evaluate(attachment.properties.InstanceId, attachment.model));
    if (instance) return instance;
  }
  return ctx.topology.referrers('AWS::EC2::Instance', 'Volumes', volume.logicalId)[0];
}

/** Root device names of the common AMIs: a mapping for one of them resizes the root volume, it adds no data volume. */
const ROOT_DEVICES = /^\/dev\/(sda1?|xvda|nvme0n1)$/;

/** The EBS data volumes of an instance: non-root block device mappings, `Volumes`, and volume attachments. */
function dataVolumes(instance: Resource, ctx: RuleContext): string[] {
  const found: string[] = [];
  const mappings = instance.list('BlockDeviceMappings');
  if (mappings.known) {
    mappings.value.forEach((_, i) => {
      const device = instance.str(`BlockDeviceMappings.${i}.DeviceName`);
      if (!instance.has(`BlockDeviceMappings.${i}.Ebs`)) return;
      if (device.known && ROOT_DEVICES.test(device.value)) return;
      found.push(device.known ? device.value : `block device mapping ${i}`);
    });
  }
  const volumes = instance.list('Volumes');
  if (volumes.known) {
    volumes.value.forEach((_, i) => {
      const device = instance.str(`Volumes.${i}.Device`);
      found.push(device.known ? device.value : `volume ${i}`);
    });
  }
  for (const attachment of ctx.topology.referrers('AWS::EC2::VolumeAttachment', 'InstanceId', instance.logicalId)) {
    const volume = evaluate(attachment.properties.VolumeId, attachment.model);
    found.push(volume.kind === 'reference' ? volume.logicalId : attachment.logicalId);
  }
  return found;
}

const BACKUP_DOCS: RuleReference = {
  label: 'AWS Backup: assigning resources to a backup plan',
  url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html',
};

export const BACKUP_EC2_PROTECTED: Rule = {
  id: 'HA-BACKUP1',
  title: 'EC2 instance or EBS volume is not protected by a backup plan',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::EC2::Instance', 'AWS::EC2::Volume'],
  explanation:
    'EBS volumes are replicated within one Availability Zone only, and nothing backs them up unless a backup is scheduled: '
    + 'a lost or corrupted volume, a deleted instance or a bad change leaves only what was written into the AMI. '
    + 'AWS Backup (or a Data Lifecycle Manager policy) takes scheduled snapshots that can be restored in another zone.',
  flags: 'An EBS volume not attached to an instance, or an EC2 instance, that no `AWS::Backup::BackupSelection` of the template '
    + 'selects (by ARN, wildcard, `ListOfTags` or `Conditions`) and no enabled `AWS::DLM::LifecyclePolicy` targets. An instance with '
    + 'data volumes (non-root block device mappings, `Volumes`, volume attachments) is a warning; an instance with only a root volume '
    + 'is reported at info level, since whether it keeps data there is not visible in the template.',
  defaults: 'A resource tagged for backups (a tag key or value containing "backup") that nothing in the template selects is reported as '
    + 'unknown: a plan in another stack or an AWS Organizations backup policy may select it by that tag. Tags added only at deploy '
    + 'time (stack tags) are not seen. Databases, tables, file systems and buckets are judged by their own backup rules.',
  remediation: 'Add the instance or volume to an AWS Backup plan: `AWS::Backup::BackupSelection` with its ARN in `Resources` or a '
    + 'matching `ListOfTags` (CDK: `plan.addSelection(id, { resources: [BackupResource.fromEc2Instance(instance)] })` or '
    + '`BackupResource.fromTag(...)`), or target it with a DLM lifecycle policy. If a plan outside this stack covers it, acknowledge the finding.',
  references: [configRule('ec2-resources-protected-by-backup-plan'), configRule('ebs-resources-protected-by-backup-plan'), BACKUP_DOCS, WA.REL09_BP03],
  evaluate(r, ctx) {
    const protection = protectionOf(r, ctx);
    if (protection.status === 'protected') return PASS;
    if (r.type === 'AWS::EC2::Volume') {
      const instance = attachedInstance(r, ctx);
      // A backup of the instance includes its attached volumes: the finding, if any, is the instance's.
      if (instance) return notApplicable(`attached to instance ${instance.logicalId}, whose backup covers its volumes`);
    }
    if (protection.status === 'unknown') {
      return unknown(undefined, `Whether ${r.logicalId} is backed up is not decided by this template: ${protection.reason}.`);
    }
    if (r.type === 'AWS::EC2::Volume') {
      return fail(undefined, `No AWS Backup selection or DLM policy in this template covers EBS volume ${r.logicalId}: `
        + 'if its data is lost or corrupted, there is no snapshot to restore.');
    }
    const data = dataVolumes(r, ctx);
    if (data.length) {
      return fail(undefined, `No AWS Backup selection or DLM policy in this template covers EC2 instance ${r.logicalId}, which has data `
        + `volume${data.length === 1 ? '' : 's'} ${data.join(', ')}: if ${data.length === 1 ? 'it is' : 'they are'} lost or corrupted, there is no snapshot to restore.`);
    }
    return fail(undefined, `No AWS Backup selection or DLM policy in this template covers EC2 instance ${r.logicalId}: `
      + 'if it keeps data on its root volume, that data has no snapshot to restore.', Severity.INFO);
  },
};

/** Whether a vault access policy denies deleting recovery points. */
function deniesDeletion(policy: Json): boolean {
  const doc = typeof policy === 'string' ? safeParse(policy) : policy;
  if (!isObject(doc)) return false;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return statements.some(s => {
    if (!isObject(s) || s.Effect !== 'Deny') return false;
    const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
    return actions.some(a => typeof a === 'string' && globMatches(a, 'backup:DeleteRecoveryPoint'));
  });
}

function safeParse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

export const BACKUP_VAULT_PROTECTED: Rule = {
  id: 'HA-BACKUP2',
  title: 'Backup vault does not prevent the deletion of recovery points',
  severity: Severity.INFO,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::Backup::BackupVault'],
  explanation:
    'Backups are the last line of defence against a mistake or an attacker with account access. If anyone allowed to manage '
    + 'AWS Backup can delete recovery points, one compromised role or bad script removes the data and its backups together. '
    + 'A vault lock, or an access policy that denies `backup:DeleteRecoveryPoint`, keeps the recovery points until their lifecycle ends.',
  flags: 'A backup vault with no `LockConfiguration` and no `AccessPolicy` statement that denies `backup:DeleteRecoveryPoint`.',
  defaults: 'A vault has no access policy and no lock unless the template sets them.',
  remediation: 'Set `LockConfiguration` (`MinRetentionDays`, and `ChangeableForDays` for compliance mode), or an `AccessPolicy` that denies '
    + '`backup:DeleteRecoveryPoint` (CDK: `new backup.BackupVault(..., { blockRecoveryPointDeletion: true })` or `lockConfiguration`).',
  references: [
    configRule('backup-recovery-point-manual-deletion-disabled'),
    { label: 'AWS Backup Vault Lock', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html' },
    WA.REL09_BP02,
  ],
  evaluate(r, ctx) {
    const lock = r.value('LockConfiguration');
    if (lock.kind === 'literal' || lock.kind === 'reference') return PASS;
    if (lock.kind === 'unknown') return unknown('LockConfiguration', `LockConfiguration is ${lock.reason}, so whether the vault is locked is decided at deploy time.`);
    const policy = r.value('AccessPolicy');
    if (policy.kind === 'unknown' || policy.kind === 'reference') {
      return unknown('AccessPolicy', `AccessPolicy is ${describeUndecided(policy)}, so whether it denies deleting recovery points is decided at deploy time.`);
    }
    if (policy.kind === 'literal') {
      // Statements may hold intrinsics (a principal ARN); the effect and actions are what matter.
      const resolved = resolveShallow(policy.value, ctx);
      if (deniesDeletion(resolved)) return PASS;
    }
    return fail(policy.kind === 'absent' ? 'LockConfiguration' : 'AccessPolicy',
      `Backup vault ${r.logicalId} has no vault lock and no access policy denying backup:DeleteRecoveryPoint: `
      + 'anyone who can manage AWS Backup can delete its recovery points before their retention ends.');
  },
};

/** A policy document with its `Effect` and `Action` values evaluated, for reading. */
function resolveShallow(doc: Json, ctx: RuleContext): Json {
  if (typeof doc === 'string') return doc;
  if (!isObject(doc)) return doc;
  const statements = valueAt(doc, 'Statement', ctx.model);
  if (statements.kind !== 'literal') return doc;
  const list = Array.isArray(statements.value) ? statements.value : [statements.value];
  return {
    Statement: list.map(s => {
      if (!isObject(s)) return s;
      const effect = asString(evaluate(s.Effect, ctx.model));
      const action = evaluate(s.Action, ctx.model);
      return { Effect: effect.known ? effect.value : null, Action: action.kind === 'literal' ? action.value : null };
    }),
  };
}

/** Where a backup copy goes: its Region, the plan's own Region, or why that is undecided. */
function copyRegion(raw: Json, plan: Resource): { region: string } | 'same' | { undecided: string } {
  const value = evaluate(raw, plan.model);
  if (value.kind === 'literal' && typeof value.value === 'string') {
    const parts = value.value.split(':');
    if (parts.length >= 6 && parts[3]) {
      if (!plan.model.region) return { undecided: `the copy goes to ${parts[3]}, and the Region of stack ${plan.model.stackName} is not known` };
      return plan.model.region === parts[3] ? 'same' : { region: parts[3] };
    }
    return { undecided: `the destination ${value.value} names no Region` };
  }
  if (value.kind === 'reference') {
    if (value.model === plan.model) return 'same';
    return value.model.region ? (value.model.region === plan.model.region ? 'same' : { region: value.model.region })
      : { undecided: `the Region of stack ${value.model.stackName} is not known` };
  }
  // An ARN built with Fn::Sub: its Region part is literal, or the stack's own (${AWS::Region}).
  const sub = intrinsicName(raw) === 'Fn::Sub' ? (raw as JsonObject)['Fn::Sub'] : undefined;
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  const region = text?.split(':')[3];
  if (region === '${AWS::Region}') return 'same';
  if (region && !region.includes('${')) {
    if (!plan.model.region) return { undecided: `the copy goes to ${region}, and the Region of stack ${plan.model.stackName} is not known` };
    return plan.model.region === region ? 'same' : { region };
  }
  return { undecided: describeUndecided(value) };
}

const COPY_DOCS: RuleReference = {
  label: 'AWS Backup: creating backup copies across AWS Regions',
  url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html',
};

export const BACKUP_CROSS_REGION_COPY: Rule = {
  id: 'HA-BACKUP3',
  title: 'Backup plan keeps its copies in one Region although a Region failure must be survived',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::Backup::BackupPlan'],
  explanation:
    'Recovery points live in a backup vault of one Region. When the declared objectives ask the workload to survive the loss of its '
    + 'Region, backups that never leave it are lost with it: there is nothing to restore elsewhere. A copy action sends each recovery '
    + 'point to a vault in another Region as it is created.',
  flags: 'When the objectives require surviving a Region failure (`surviveRegionFailure`, or Region RTO/RPO): a backup plan none of '
    + 'whose rules has a `CopyActions` entry whose `DestinationBackupVaultArn` is in another Region.',
  defaults: 'Backup plan rules copy nothing unless `CopyActions` are set. A destination built from the stack\'s own Region stays in it; '
    + 'a destination in a stack of unknown Region, or from a parameter, is undecided.',
  remediation: 'Add a copy action to the plan\'s rules with a vault in another Region as destination (CDK: `plan.addRule(new '
    + 'backup.BackupPlanRule({ copyActions: [{ destinationBackupVault: vaultInOtherRegion }] }))`), with the lifecycle the Region '
    + 'objective needs.',
  references: [COPY_DOCS, WA.REL09_BP01, WA.REL13_BP02],
  evaluate(r, ctx) {
    const o = ctx.objectives;
    if (!o || !(o.surviveRegionFailure || o.region !== undefined)) return notApplicable('the declared objectives do not ask to survive a Region failure');
    const rules = r.list('BackupPlan.BackupPlanRule');
    if (!rules.known) return unknown('BackupPlan.BackupPlanRule', `The rules of backup plan ${r.logicalId} are ${rules.reason}.`);
    let undecidedCopy: string | undefined;
    for (let i = 0; i < rules.value.length; i++) {
      const copies = r.list(`BackupPlan.BackupPlanRule.${i}.CopyActions`);
      if (!copies.known) { undecidedCopy ??= `CopyActions of rule ${i} is ${copies.reason}`; continue; }
      for (let j = 0; j < copies.value.length; j++) {
        const destination = copyRegion(valueRaw(r, `BackupPlan.BackupPlanRule.${i}.CopyActions.${j}.DestinationBackupVaultArn`), r);
        if (destination === 'same') continue;
        if ('region' in destination) return PASS;
        undecidedCopy ??= destination.undecided;
      }
    }
    if (undecidedCopy) return unknown('BackupPlan.BackupPlanRule', `Whether backup plan ${r.logicalId} copies to another Region is decided at deploy time: ${undecidedCopy}.`);
    return fail('BackupPlan.BackupPlanRule', `Backup plan ${r.logicalId} keeps every recovery point in its own Region, and the declared objectives `
      + 'ask the workload to survive a Region failure: the backups are lost with the Region.', o.tier === 'non-production' ? Severity.INFO : undefined);
  },
};

/** The raw value at a dotted path of a resource's properties (for reading intrinsics as they are written). */
function valueRaw(r: Resource, path: string): Json {
  let node: Json | undefined = r.properties;
  for (const key of path.split('.')) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return null;
  }
  return node ?? null;
}

export const BACKUP_RESTORE_TESTING: Rule = {
  id: 'HA-BACKUP4',
  title: 'Backups are never restored in a test although a recovery point objective is declared',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::Backup::BackupPlan'],
  explanation:
    'A recovery point objective is a promise about what a restore brings back. Backups that are never restored are an assumption: '
    + 'a missing permission, a changed key or an incomplete selection shows up during the disaster. An AWS Backup restore testing plan '
    + 'restores recent recovery points on a schedule, checks them, and deletes the restored copies.',
  flags: 'When the objectives declare an RPO: a backup plan in a workload that has no `AWS::Backup::RestoreTestingPlan` in any of its stacks.',
  defaults: 'AWS Backup tests nothing unless a restore testing plan and its selections exist; a plan managed outside the workload is not seen '
    + '(acknowledge the finding where it is).',
  remediation: 'Add an `AWS::Backup::RestoreTestingPlan` (for example weekly, `LATEST_WITHIN_WINDOW` over the plan\'s vaults) with an '
    + '`AWS::Backup::RestoreTestingSelection` per protected resource type (CDK L1: `backup.CfnRestoreTestingPlan` and `backup.CfnRestoreTestingSelection`).',
  references: [
    { label: 'AWS Backup: restore testing', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html' },
    WA.REL09_BP01,
    WA.REL13_BP02,
  ],
  evaluate(r, ctx) {
    const o = ctx.objectives;
    const rpo = o && [o.instance, o.az, o.region].some(t => t?.rpoSeconds !== undefined);
    if (!o || !rpo) return notApplicable('no recovery point objective is declared');
    const testing = ctx.model.workload.ofType('AWS::Backup::RestoreTestingPlan');
    const exists = testing.map(t => (t.condition === undefined ? true : t.model.conditionValue(t.condition)));
    if (exists.includes(true)) return PASS;
    const conditional = testing.find((_, i) => exists[i] === undefined);
    if (conditional) {
      return unknown(undefined, `Restore testing plan ${conditional.logicalId} exists only when condition ${conditional.condition} holds, which is decided at deploy time.`);
    }
    return fail(undefined, `Backup plan ${r.logicalId} backs up data for a declared recovery point objective, and no restore testing plan `
      + 'in the workload ever restores its recovery points: whether a restore brings the data back is found out during the disaster.',
    o.tier === 'non-production' ? Severity.INFO : undefined);
  },
};

/** Every AWS Backup rule; register these in the rule index. */
export const BACKUP_RULES: readonly Rule[] = [BACKUP_EC2_PROTECTED, BACKUP_VAULT_PROTECTED, BACKUP_CROSS_REGION_COPY, BACKUP_RESTORE_TESTING];
