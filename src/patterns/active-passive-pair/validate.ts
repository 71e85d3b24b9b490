import { Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { IConstruct } from 'constructs';
import { FailoverEndpoint } from './endpoint';
import { ActivePassivePairProps, FailoverHealthCheckProtocol } from './props';
import { PropsValidator } from '../common/validate-props';

/** The health check intervals Route 53 accepts, in seconds. */
export const ROUTE53_INTERVALS = [10, 30];
/** Route 53's maximum failure threshold. */
export const MAX_FAILURE_THRESHOLD = 10;
/** Route 53's maximum TTL, in seconds. */
const MAX_TTL = 2147483647;
/** Route 53's maximum length of a health check's resource path. */
const MAX_PATH_LENGTH = 255;

/** The failover records' name, as resolved from the props. */
export interface ResolvedRecordName {
  /** The name to give the records: fully qualified with a trailing dot, or as given when the zone's name is a token. */
  readonly recordName: string;
  /** The name clients resolve, without a trailing dot. */
  readonly domainName: string;
  /** True when the name is the zone apex. */
  readonly apex: boolean;
}

/** A zone's name, lower case without the trailing dot; undefined when it is not known (imported by ID only) or a token. */
function zoneNameOf(zone: route53.IHostedZone): { name?: string; known: boolean } {
  let name: string;
  try {
    name = zone.zoneName;
  } catch {
    return { known: false };
  }
  if (Token.isUnresolved(name)) return { name, known: true };
  return { name: name.toLowerCase().replace(/\.$/, ''), known: true };
}

/**
 * Checks every prop of an `ActivePassivePair` and throws one error listing each problem, the
 * property and its fix. Values that are tokens are decided at deploy time and are not judged.
 * Returns the records' name.
 */
export function validateActivePassivePairProps(scope: IConstruct, props: ActivePassivePairProps): ResolvedRecordName {
  const v = new PropsValidator(scope, 'ActivePassivePair');
  const { primary, standby } = props;
  primary._validate(v, 'primary');
  standby._validate(v, 'standby');

  const same = primary === standby || (primary._identity !== undefined && primary._identity === standby._identity);
  v.require(!same, 'standby', `is the same endpoint as primary (${primary._description}), so there is nothing to fail over to`,
    'Give another endpoint as standby: a load balancer or web tier (in another Region or stack), domain name or IP address.');
  if (!same && primary._recordType !== standby._recordType) {
    v.require(false, 'standby', `${standby._description} answers with ${article(standby._recordType)} record, but primary `
      + `(${primary._description}) with ${article(primary._recordType)} record, and Route 53 fails over only between records of the same name and type`,
    'Give two endpoints of the same kind: load balancers, web tiers and IPv4 addresses (A), IPv6 addresses (AAAA), or two domain names (CNAME).');
  }

  validateHealthCheck(v, props, [primary, standby]);

  const ttl = props.ttl;
  if (ttl !== undefined && !ttl.isUnresolved()) {
    const seconds = ttl.toSeconds({ integral: false });
    v.require(Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_TTL, 'ttl', `${seconds} seconds is not a whole number of seconds from 0 to ${MAX_TTL}`,
      'Use a short TTL such as Duration.seconds(60): clients keep using a failed primary for up to this long.');
  }

  const name = resolveRecordName(v, props);
  if (name?.apex && primary._recordType === route53.RecordType.CNAME) {
    v.require(false, 'recordName', `the records would be CNAME records at the zone apex (${name.domainName}), which DNS does not allow`,
      "Give a name below the apex, such as 'www', or endpoints with A records (load balancers, web tiers or IP addresses).");
  }

  v.throwIfInvalid();
  return name!;
}

function article(type: route53.RecordType): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** Records the problems with the health check options, for the endpoints they check. */
export function validateHealthCheck(v: PropsValidator, props: Pick<ActivePassivePairProps, 'healthCheck'>, endpoints: FailoverEndpoint[]): void {
  const hc = props.healthCheck ?? {};
  const protocol = hc.protocol;
  if (hc.path !== undefined && !Token.isUnresolved(hc.path)) {
    if (protocol === FailoverHealthCheckProtocol.TCP) {
      v.require(false, 'healthCheck.path', 'is set, but a TCP health check only opens a connection and requests no path',
        'Remove healthCheck.path, or use FailoverHealthCheckProtocol.HTTPS or HTTP.');
    } else {
      v.require(hc.path.startsWith('/'), 'healthCheck.path', `'${hc.path}' does not start with '/'`,
        `Start the path with '/', e.g. '/${hc.path.replace(/^\/*/, '')}'.`);
      v.require(hc.path.length <= MAX_PATH_LENGTH, 'healthCheck.path', `has ${hc.path.length} characters, more than Route 53's ${MAX_PATH_LENGTH}`,
        `Use a path of at most ${MAX_PATH_LENGTH} characters.`);
    }
  }
  v.range(hc.port, 'healthCheck.port', 1, 65535, 'Use the port the endpoints listen on, from 1 to 65535.')
    .integer(hc.port, 'healthCheck.port');
  if (protocol === FailoverHealthCheckProtocol.TCP) {
    v.require(hc.port !== undefined, 'healthCheck.port', 'is not set, and a TCP health check has no default port',
      'Set healthCheck.port to the port the endpoints accept connections on.');
  }

  const interval = hc.interval;
  if (interval !== undefined && !interval.isUnresolved()) {
    const seconds = interval.toSeconds({ integral: false });
    v.require(ROUTE53_INTERVALS.includes(seconds), 'healthCheck.interval', `${interval.toHumanString()} is not an interval Route 53 accepts`,
      'Use Duration.seconds(30) (standard) or Duration.seconds(10) (fast, at extra cost): Route 53 accepts no other.');
  }
  v.range(hc.failureThreshold, 'healthCheck.failureThreshold', 1, MAX_FAILURE_THRESHOLD,
    `Use 1 to ${MAX_FAILURE_THRESHOLD} consecutive checks (3, the default, rides out a single lost request).`)
    .integer(hc.failureThreshold, 'healthCheck.failureThreshold');

  if (protocol === FailoverHealthCheckProtocol.HTTPS) {
    endpoints.forEach((endpoint, i) => {
      const tier = endpoint._webTier;
      if (!tier || tier.redirectListener) return;
      v.require(false, 'healthCheck.protocol', `is HTTPS, but ${endpoint._description} (${endpoints.length === 2 ? (i === 0 ? 'primary' : 'standby') : `endpoint ${i + 1}`}) serves plain HTTP only `
        + '(it has no certificate), so its health check would always fail', 'Give the tier a certificate, or leave healthCheck.protocol unset.');
    });
  }
}

/** The failover records' name: relative to the zone, or fully qualified in it. */
export function resolveRecordName(v: PropsValidator, props: Pick<ActivePassivePairProps, 'hostedZone' | 'recordName'>): ResolvedRecordName | undefined {
  const zone = zoneNameOf(props.hostedZone);
  if (!zone.known) {
    v.require(false, 'hostedZone', 'has no known zone name (it was imported by ID only), so the records\' name cannot be formed',
      'Import the zone with route53.HostedZone.fromHostedZoneAttributes(this, id, { hostedZoneId, zoneName }).');
    return undefined;
  }
  const zoneName = zone.name!;
  const given = props.recordName;
  if (Token.isUnresolved(zoneName) || (given !== undefined && Token.isUnresolved(given))) {
    // Decided at deploy time: CDK qualifies the name with the zone's, as here.
    return given === undefined
      ? { recordName: zoneName, domainName: zoneName, apex: true }
      : { recordName: given, domainName: `${given}.${zoneName}`, apex: false };
  }
  if (given === undefined || given === '' || given.toLowerCase().replace(/\.$/, '') === zoneName) {
    return { recordName: `${zoneName}.`, domainName: zoneName, apex: true };
  }
  const name = given.toLowerCase().replace(/\.$/, '');
  const inZone = name.endsWith(`.${zoneName}`);
  // A single label is relative to the zone; anything longer must be the full name, so that a name of
  // another domain is not silently qualified into this zone ('www.example.org' -> 'www.example.org.example.com').
  const relative = !given.endsWith('.') && !name.includes('.');
  if (!inZone && !relative) {
    v.require(false, 'recordName', `'${given}' is not in hosted zone ${zoneName}`,
      `Give a name in the zone: a label relative to it ('www') or a fully qualified name ending in ${zoneName} ('www.${zoneName}').`);
    return undefined;
  }
  const domainName = inZone ? name : `${name}.${zoneName}`;
  v.require(/^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/.test(domainName) && domainName.length <= 253,
    'recordName', `'${given}' is not a valid DNS name`, "Use labels of letters, digits and hyphens, such as 'www'.");
  return { recordName: `${domainName}.`, domainName, apex: false };
}
