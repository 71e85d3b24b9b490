import { Stack, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';
import { ActiveActiveProps, ActiveActiveRouting } from './props';
import { ResolvedRecordName, resolveRecordName, validateHealthCheck } from '../active-passive-pair/validate';
import { PropsValidator } from '../common/validate-props';

const MAX_TTL = 2147483647;
const MAX_WEIGHT = 255;

/** The Regions a global table has a replica in (its own Region included), when known at synth time. */
export function tableRegions(table: dynamodb.TableV2): string[] | undefined {
  const stack = Stack.of(table);
  const cfn = table.node.defaultChild as dynamodb.CfnGlobalTable;
  const replicas = stack.resolve(cfn.replicas);
  if (!Array.isArray(replicas)) return undefined;
  const regions = replicas.map(r => (r && typeof r === 'object' ? r.region ?? r.Region : undefined));
  return regions.every(r => typeof r === 'string' && !Token.isUnresolved(r)) ? regions : undefined;
}

/**
 * Checks every prop of an `ActiveActive` and throws one error listing each problem, the property and
 * its fix. Returns the records' name and each Region's name.
 */
export function validateActiveActiveProps(scope: IConstruct, props: ActiveActiveProps): { name: ResolvedRecordName; regions: string[] } {
  const v = new PropsValidator(scope, 'ActiveActive');
  const routing = props.routing ?? ActiveActiveRouting.LATENCY;
  const regions = props.regions.map(r => r._region);
  v.require(props.regions.length >= 2, 'regions', `${props.regions.length === 1 ? 'one Region serves' : 'no Region serves'}, so the loss of a Region is an outage`,
    'Give two or more Regions (ServingRegion.webTier(tier) of each), or use ActivePassivePair for one Region and a standby.');
  const seen = new Map<string, number>();
  props.regions.forEach((region, i) => {
    const property = `regions[${i}]`;
    region._endpoint._validate(v, property);
    const name = regions[i];
    if (Token.isUnresolved(name)) {
      v.require(false, property, `${region._endpoint._description} is in a stack without a Region, so latency records cannot name its Region`,
        'Give its stack an env with the account and Region.');
    } else if (seen.has(name)) {
      v.require(false, property, `${name} is already served by regions[${seen.get(name)}]: two endpoints of one Region fail together`,
        'Give each Region once; spread a Region\'s load over its zones with the web tier instead.');
    } else {
      seen.set(name, i);
    }
    const weight = region._weight;
    if (weight !== undefined && routing === ActiveActiveRouting.LATENCY) {
      v.require(false, `${property}.weight`, 'is set, but latency routing sends each client to its nearest Region and ignores weights',
        'Remove the weight, or set routing: ActiveActiveRouting.WEIGHTED.');
    } else {
      v.range(weight, `${property}.weight`, 0, MAX_WEIGHT, `Use a weight from 0 to ${MAX_WEIGHT}.`).integer(weight, `${property}.weight`);
    }
  });
  if (routing === ActiveActiveRouting.WEIGHTED) {
    const weights = props.regions.map(r => r._weight ?? 1);
    if (weights.every(w => !Token.isUnresolved(w))) {
      v.require(weights.some(w => w > 0), 'regions', 'every Region has weight 0, so Route 53 spreads clients evenly and the weights mean nothing',
        'Give at least one Region a positive weight.');
    }
  }
  validateHealthCheck(v, props, props.regions.map(r => r._endpoint));
  const ttl = props.ttl;
  if (ttl !== undefined && !ttl.isUnresolved()) {
    const seconds = ttl.toSeconds({ integral: false });
    v.require(Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_TTL, 'ttl', `${seconds} seconds is not a whole number of seconds from 0 to ${MAX_TTL}`,
      'Use a short TTL such as Duration.seconds(60).');
  }
  const types = new Set(props.regions.map(r => r._endpoint._recordType));
  v.require(types.size <= 1, 'regions', 'mixes endpoints whose records differ in type', 'Give load balancers or web tiers in every Region.');

  if (props.table) {
    const covered = tableRegions(props.table);
    if (covered) {
      const missing = [...seen.keys()].filter(r => !covered.includes(r));
      v.require(missing.length === 0, 'table', `has no replica in ${missing.join(', ')}, which ${missing.length === 1 ? 'serves' : 'serve'} clients: `
        + 'writes there would cross to another Region, and fail with it',
      `Add ${missing.map(r => `{ region: '${r}' }`).join(', ')} to the table's replicas.`);
    }
  }
  const name = resolveRecordName(v, props);
  v.throwIfInvalid();
  return { name: name!, regions };
}
