import type { Json } from '../model/json';
import { Resource, resourceOf } from '../model/template-model';
import { evaluate } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { fail, notApplicable, Outcome, PASS, Rule, RuleContext, undecided, unknown, WA } from './rule';

const BEST_PRACTICES = { label: 'Best practices for Standard brokers (Amazon MSK)', url: 'https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html' };
const DEFAULT_CONFIGURATION = { label: 'Default Amazon MSK configuration', url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-default-configuration.html' };

export const MSK_ZONES: Rule = {
  id: 'HA-MSK1',
  title: 'MSK cluster has brokers in fewer than three Availability Zones',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::MSK::Cluster'],
  explanation:
    'MSK places brokers evenly in the zones of its client subnets. In a two-zone cluster MSK defaults to a replication factor of 2 '
    + 'and one in-sync replica: losing a zone leaves every partition on a single broker, so one more broker failure loses data, '
    + 'and topics that require two in-sync replicas stop accepting writes. Three zones with a replication factor of 3 and two '
    + 'in-sync replicas survive a zone failure with no loss and no write outage.',
  flags: 'A provisioned MSK cluster whose `BrokerNodeGroupInfo.ClientSubnets` are in fewer than three Availability Zones.',
  defaults: 'Subnets without an explicit `AvailabilityZone` are placed by AWS, so their zone is undecided.',
  remediation: 'Give `BrokerNodeGroupInfo.ClientSubnets` one subnet in each of three Availability Zones, with `NumberOfBrokerNodes` a multiple of 3 '
    + '(CDK: `vpcSubnets` selecting three zones).',
  references: [BEST_PRACTICES, DEFAULT_CONFIGURATION, WA.REL10_BP01],
  evaluate(r, ctx) {
    const subnets = r.list('BrokerNodeGroupInfo.ClientSubnets');
    if (!subnets.known) return undecided('BrokerNodeGroupInfo.ClientSubnets', subnets);
    const spread = ctx.topology.spreadOfSubnets(subnets.value);
    if (spread.max === 0) return unknown('BrokerNodeGroupInfo.ClientSubnets', 'BrokerNodeGroupInfo.ClientSubnets names no subnets the template shows.');
    if (spread.max < 3) {
      const where = spread.labels.length ? ` (${spread.labels.join(', ')})` : '';
      return fail('BrokerNodeGroupInfo.ClientSubnets', `MSK cluster ${r.logicalId} has its client subnets (BrokerNodeGroupInfo.ClientSubnets), and so its brokers, `
        + `in ${spread.max === 1 ? 'one Availability Zone' : `${spread.max} Availability Zones`}${where}: `
        + 'losing a zone leaves partitions with a single replica or none, so data can be lost and writes that need two in-sync replicas fail.');
    }
    if (spread.min >= 3) return PASS;
    return unknown('BrokerNodeGroupInfo.ClientSubnets', `MSK cluster ${r.logicalId} may have its brokers in fewer than three Availability Zones: `
      + `${spread.undecided ?? 'the zones of its subnets cannot be compared'}.`);
  },
};

/** The `key=value` lines of a server.properties text, which CloudFormation may also take base64-encoded. */
function serverProperties(text: string): Map<string, string> {
  let body = text;
  // Property names hold dots; base64 text never does.
  if (!text.includes('.') && /^[A-Za-z0-9+/\s]+={0,2}\s*$/.test(text)) {
    body = Buffer.from(text.replace(/\s/g, ''), 'base64').toString('utf8');
  }
  const map = new Map<string, string>();
  for (const line of body.split(/\r?\n/)) {
    const m = /^\s*([^#!=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) map.set(m[1], m[2]);
  }
  return map;
}

/** The `AWS::MSK::Configuration` of a cluster's `ConfigurationInfo.Arn`, absent, or why it cannot be read. */
function configurationOf(r: Resource): { config?: Resource } | { reason: string } {
  const arn = r.value('ConfigurationInfo.Arn');
  if (arn.kind === 'absent') return {};
  if (arn.kind === 'reference') {
    const config = resourceOf(arn);
    return config?.type === 'AWS::MSK::Configuration' ? { config } : { reason: `ConfigurationInfo.Arn refers to ${arn.logicalId}, which is not an MSK configuration` };
  }
  return { reason: 'the cluster uses an MSK configuration defined outside this template' };
}

export const MSK_REPLICATION: Rule = {
  id: 'HA-MSK2',
  title: 'MSK configuration lowers the default replication factor or in-sync replicas',
  severity: Severity.INFO,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::MSK::Cluster'],
  explanation:
    'With `default.replication.factor` below 3, topics created without an explicit replication factor keep fewer copies, so losing '
    + 'brokers loses data sooner; with `min.insync.replicas` below 2, a write acknowledged by all in-sync replicas may exist on one '
    + 'broker only, and is lost if that broker fails before the others catch up. MSK\'s own defaults (3 and 2 in a three-zone cluster) are safe.',
  flags: 'A cluster whose MSK configuration in the template sets `default.replication.factor` below 3 (a warning when 1) or `min.insync.replicas` below 2.',
  defaults: 'Without a custom configuration, MSK uses a replication factor of 3 and 2 in-sync replicas in three-zone clusters; '
    + 'properties missing from a custom configuration keep those defaults.',
  remediation: 'In the cluster\'s `AWS::MSK::Configuration` `ServerProperties`, set `default.replication.factor=3` and `min.insync.replicas=2` '
    + '(or leave them out), and create topics with a replication factor of 3.',
  references: [DEFAULT_CONFIGURATION, BEST_PRACTICES],
  evaluate(r, { model }: RuleContext): Outcome {
    const found = configurationOf(r);
    if ('reason' in found) return unknown('ConfigurationInfo.Arn', `${found.reason}, so its replication settings cannot be read.`);
    if (!found.config) return notApplicable('no custom configuration: MSK\'s defaults apply');
    const raw = evaluate(found.config.properties.ServerProperties as Json | undefined, model);
    if (raw.kind === 'absent') return PASS;
    if (raw.kind !== 'literal' || typeof raw.value !== 'string') {
      return unknown('ConfigurationInfo.Arn', `The ServerProperties of configuration ${found.config.logicalId} are decided at deploy time.`);
    }
    const props = serverProperties(raw.value);
    const problems: string[] = [];
    let severity: Severity | undefined;
    const factor = Number(props.get('default.replication.factor'));
    if (props.has('default.replication.factor') && factor < 3) {
      problems.push(`default.replication.factor ${factor}`);
      if (factor <= 1) severity = Severity.WARNING;
    }
    const insync = Number(props.get('min.insync.replicas'));
    if (props.has('min.insync.replicas') && insync < 2) problems.push(`min.insync.replicas ${insync}`);
    if (problems.length === 0) return PASS;
    return fail('ConfigurationInfo.Arn', `MSK cluster ${r.logicalId} uses configuration ${found.config.logicalId} with ${problems.join(' and ')}: `
      + 'acknowledged writes may exist on a single broker, and are lost with it.', severity);
  },
};

/** Every rule of this file. */
export const MSK_RULES: readonly Rule[] = [MSK_ZONES, MSK_REPLICATION];
