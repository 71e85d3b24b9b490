import type { Json, JsonObject } from '../model/json';
import type { Resource } from '../model/template-model';
import { intrinsicName, referencedResources } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, undecided, unknown, WA } from './rule';

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
    return perReplica(r, PITR, (table, replicas) => fail('Replicas', `Global table ${table} has point-in-time recovery off on its ${replicas}: `
      + 'data corrupted by a bad write, which replication copies to every replica, cannot be restored to the minute before.'));
  },
};

export const DYNAMODB_DELETION_PROTECTION: Rule = {
  id: 'HA-DDB2',
  title: 'DynamoDB table has no deletion protection',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  explanation:
    'Without deletion protection, a DeleteTable call, a console action or a stack change that removes or replaces the table '
    + 'deletes it and all its items; point-in-time recovery can restore a deleted table only if it was on, and only into a new '
    + 'table. With deletion protection on, DynamoDB refuses to delete the table until the protection is turned off first.',
  flags: 'A table with `DeletionProtectionEnabled` absent or false; for a global table, any replica with it absent or false.',
  defaults: '`DeletionProtectionEnabled` defaults to false ("This setting is disabled by default").',
  remediation: 'Set `DeletionProtectionEnabled: true` (CDK: `deletionProtection: true` on `dynamodb.Table` or `dynamodb.TableV2`, '
    + 'which sets it on every replica).',
  raisedBy: 'data-loss',
  // Deletion protection is the fix for both; HA-DATA1 only adds that the stack's own deletion takes the data.
  supersedes: ['HA-DATA1'],
  references: [
    configRule('dynamodb-table-deletion-protection-enabled'),
    { label: 'Using deletion protection (DynamoDB)', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html' },
    WA.REL09_BP01,
  ],
  evaluate(r) {
    if (r.type === 'AWS::DynamoDB::Table') {
      const protection = r.bool('DeletionProtectionEnabled', false);
      if (!protection.known) return undecided('DeletionProtectionEnabled', protection);
      return protection.value ? PASS : fail('DeletionProtectionEnabled', `Table ${r.logicalId} has no deletion protection `
        + `(DeletionProtectionEnabled is ${protection.explicit ? 'false' : 'not set'}): a mistaken delete, or a stack change that removes `
        + 'or replaces it, destroys the table and its items.');
    }
    return perReplica(r, 'DeletionProtectionEnabled', (table, replicas) => fail('Replicas', `Global table ${table} has no deletion protection on its `
      + `${replicas}: a mistaken delete, or a stack change that removes a replica, destroys that replica and its items.`));
  },
};

/**
 * Judges a boolean setting on every replica of a global table, with one finding for the table that
 * lists the replicas without it (rather than one per replica), and undecided replicas on their own.
 */
function perReplica(r: Resource, setting: string, failed: (table: string, replicas: string) => Outcome): Outcome[] {
  const replicas = r.list('Replicas');
  if (!replicas.known) return [unknown('Replicas', `Replicas is ${replicas.reason}.`)];
  const off: string[] = [];
  const outcomes: Outcome[] = [];
  replicas.value.forEach((_, i) => {
    const value = r.bool(`Replicas.${i}.${setting}`, false);
    if (!value.known) {outcomes.push(undecided(`Replicas.${i}.${setting}`, value));} else if (!value.value) {
      const region = r.str(`Replicas.${i}.Region`);
      off.push(region.known ? region.value : `a Region ${region.reason} (replica ${i})`);
    }
  });
  if (off.length) {
    const all = off.length > 1 && off.length === replicas.value.length;
    outcomes.push(failed(r.logicalId, `${off.length > 1 ? 'replicas' : 'replica'} in ${listOf(off)}${all ? ' (all of them)' : ''}`));
  }
  return outcomes.length ? outcomes : [PASS];
}

/** "a", "a and b", "a, b and c". */
function listOf(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const SCALABLE_TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';

/** The text of a raw string value, with references and unknown parts as `{?}` (for reading resource IDs such as `table/X/index/Y`). */
function textOf(raw: Json | undefined): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  const fn = intrinsicName(raw);
  const arg = fn ? (raw as JsonObject)[fn] : undefined;
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    return arg[1].map(textOf).join(arg[0]);
  }
  if (fn === 'Fn::Sub') {
    const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (text !== undefined) return text.replace(/\$\{(?!!)[^}]*\}/g, '{?}');
  }
  return '{?}';
}

/** A capacity the table needs auto scaling for: `table:Read`, `index/<name>:Write`, ... */
type Need = string;

/** The read and write capacities of a provisioned table and its global secondary indexes, or why they are not known. */
function capacitiesOf(r: Resource): { known: true; needs: Need[] } | { known: false; property: string; reason: string } {
  const needs: Need[] = ['table:Read', 'table:Write'];
  const indexes = r.list('GlobalSecondaryIndexes');
  if (!indexes.known) return { known: false, property: 'GlobalSecondaryIndexes', reason: indexes.reason };
  for (let i = 0; i < indexes.value.length; i++) {
    const name = r.str(`GlobalSecondaryIndexes.${i}.IndexName`);
    if (!name.known) return { known: false, property: `GlobalSecondaryIndexes.${i}.IndexName`, reason: name.reason };
    needs.push(`index/${name.value}:Read`, `index/${name.value}:Write`);
  }
  return { known: true, needs };
}

function describeNeed(need: Need): string {
  const [scope, kind] = need.split(':');
  return `${kind.toLowerCase()} capacity of ${scope === 'table' ? 'the table' : `index ${scope.slice('index/'.length)}`}`;
}

export const DYNAMODB_AUTO_SCALING: Rule = {
  id: 'HA-DDB3',
  title: 'Provisioned DynamoDB table does not auto scale',
  severity: Severity.WARNING,
  category: RuleCategory.OVERLOAD,
  resourceTypes: ['AWS::DynamoDB::Table'],
  explanation:
    'A table in provisioned capacity mode serves only the read and write capacity it is given. Without auto scaling, traffic '
    + 'above it (after burst capacity is spent) is throttled: requests fail with ProvisionedThroughputExceededException, and '
    + 'a busy global secondary index throttles writes to the whole table. On-demand tables, and provisioned tables whose '
    + 'capacities are Application Auto Scaling targets, follow the load instead.',
  flags: 'A table in provisioned mode without an `AWS::ApplicationAutoScaling::ScalableTarget` in the template for the read and the '
    + 'write capacity of the table and of every global secondary index.',
  defaults: '`BillingMode` defaults to `PROVISIONED`. A scalable target counts when its `ResourceId` refers to the table (or names its '
    + '`TableName`) and its `ScalableDimension` is the table\'s or the index\'s read or write capacity.',
  remediation:
    'Use on-demand capacity (`BillingMode: PAY_PER_REQUEST`; CDK: `billing: Billing.onDemand()` on `TableV2`, `billingMode: BillingMode.PAY_PER_REQUEST` '
    + 'on `Table`), or add target-tracking auto scaling for read and write capacity of the table and every global secondary index '
    + '(CDK: `table.autoScaleReadCapacity(...)`, `autoScaleWriteCapacity(...)`, `autoScaleGlobalSecondaryIndexReadCapacity(...)`, ...).',
  references: [
    configRule('dynamodb-autoscaling-enabled'),
    { label: 'Managing throughput capacity automatically with DynamoDB auto scaling', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html' },
    WA.REL07_BP01,
  ],
  evaluate(r, { model, topology }) {
    const mode = r.str('BillingMode', 'PROVISIONED');
    if (!mode.known) return undecided('BillingMode', mode);
    if (mode.value.toUpperCase() !== 'PROVISIONED') return notApplicable(`billing mode ${mode.value}: capacity follows the load`);
    const capacities = capacitiesOf(r);
    if (!capacities.known) return unknown(capacities.property, `${capacities.property} is ${capacities.reason}, so the capacities to scale are decided at deploy time.`);

    const tableName = r.str('TableName');
    const covered = new Set<Need>();
    const undecidedTargets: string[] = [];
    const candidates = new Set(topology.referrers(SCALABLE_TARGET, 'ResourceId', r.logicalId));
    for (const target of model.ofType(SCALABLE_TARGET)) {
      if (candidates.has(target)) continue;
      const namespace = target.str('ServiceNamespace');
      if (namespace.known && namespace.value !== 'dynamodb') continue;
      const id = target.value('ResourceId');
      if (tableName.known && id.kind === 'literal' && typeof id.value === 'string'
        && (id.value === `table/${tableName.value}` || id.value.startsWith(`table/${tableName.value}/`))) {
        candidates.add(target);
      } else if (id.kind === 'unknown' && referencedResources(target.properties.ResourceId, model).size === 0) {
        undecidedTargets.push(target.logicalId);
      }
    }
    for (const target of candidates) {
      const dimension = target.str('ScalableDimension');
      if (!dimension.known) { undecidedTargets.push(target.logicalId); continue; }
      const m = /^dynamodb:(table|index):(Read|Write)CapacityUnits$/.exec(dimension.value);
      if (!m) continue;
      if (m[1] === 'table') { covered.add(`table:${m[2]}`); continue; }
      const index = /\/index\/([^/]+)$/.exec(textOf(target.properties.ResourceId));
      if (!index || index[1].includes('{?}')) { undecidedTargets.push(target.logicalId); continue; }
      covered.add(`index/${index[1]}:${m[2]}`);
    }

    const missing = capacities.needs.filter(n => !covered.has(n));
    if (missing.length === 0) return PASS;
    if (undecidedTargets.length) {
      return unknown('BillingMode', `Provisioned table ${r.logicalId} has no auto scaling for the ${missing.map(describeNeed).join(', ')} unless `
        + `scalable target ${[...new Set(undecidedTargets)].join(', ')}, whose resource or dimension is decided at deploy time, covers it.`);
    }
    return fail('BillingMode', `Provisioned table ${r.logicalId} (BillingMode ${mode.explicit ? mode.value : 'not set, so PROVISIONED'}) has `
      + `no auto scaling for the ${missing.map(describeNeed).join(', ')}: traffic above the provisioned capacity is throttled.`);
  },
};

/** Every rule of this file. */
export const DYNAMODB_RULES: readonly Rule[] = [DYNAMODB_PITR, DYNAMODB_DELETION_PROTECTION, DYNAMODB_AUTO_SCALING];
