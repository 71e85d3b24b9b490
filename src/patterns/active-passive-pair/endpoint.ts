import { isIP } from 'net';
import { Stack, Token } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { HealthCheckTarget } from './health-check-target';
import { FailoverHealthCheckProtocol } from './props';
import { PropsValidator } from '../common/validate-props';
import { MultiAzWebTier } from '../multi-az-web-tier/multi-az-web-tier';

/**
 * One side of an `ActivePassivePair`: what its failover record points to and what its health
 * check requests.
 */
export abstract class FailoverEndpoint {
  /**
   * An Application or Network Load Balancer, possibly in a stack in another Region. The record is
   * an alias (A) to the load balancer with `EvaluateTargetHealth`, so Route 53 also fails over when
   * the load balancer has no healthy targets; the health check requests the load balancer's DNS name.
   * The load balancer must be internet-facing: Route 53 health checkers are on the internet.
   *
   * @param loadBalancer the load balancer, of any stack; an imported one needs its DNS name and canonical hosted zone ID
   */
  public static loadBalancer(loadBalancer: elbv2.ILoadBalancerV2): FailoverEndpoint {
    return new LoadBalancerEndpoint(loadBalancer);
  }

  /**
   * A `MultiAzWebTier`, possibly in a stack in another Region: an alias to its load balancer, as
   * with `loadBalancer()`. When both endpoints are web tiers, the pair compares them against the
   * standby mode. The health check uses HTTPS when the tier has a certificate, HTTP otherwise.
   *
   * @param tier the web tier, which must be internet-facing
   */
  public static webTier(tier: MultiAzWebTier): FailoverEndpoint {
    return new LoadBalancerEndpoint(tier.loadBalancer, tier);
  }

  /**
   * A host name outside the hosted zone, such as another provider's endpoint. The record is a
   * CNAME with the pair's TTL, so the other endpoint must be a domain name too, and the record
   * cannot be the zone apex.
   *
   * @param domainName the host name, without scheme, port or path (e.g. `'standby.example.net'`)
   */
  public static domainName(domainName: string): FailoverEndpoint {
    return new DomainNameEndpoint(domainName);
  }

  /**
   * A public IPv4 or IPv6 address, such as an Elastic IP. The record is an A (IPv4) or AAAA (IPv6)
   * record with the pair's TTL; the health check sends the record's name as Host header.
   *
   * @param ipAddress the address (e.g. `'44.192.0.10'`)
   */
  public static ipAddress(ipAddress: string): FailoverEndpoint {
    return new IpAddressEndpoint(ipAddress);
  }

  /**
   * What the endpoint is, for messages.
   *
   * @internal
   */
  public abstract readonly _description: string;

  /**
   * The type of the endpoint's failover record.
   *
   * @internal
   */
  public abstract readonly _recordType: route53.RecordType;

  /**
   * True when the record is an alias, whose TTL is the target's.
   *
   * @internal
   */
  public abstract readonly _alias: boolean;

  /**
   * What makes two endpoints the same (a construct or a normalized name); undefined when it is
   * only known at deploy time.
   *
   * @internal
   */
  public abstract readonly _identity: unknown;

  /**
   * The health check protocol when none is given.
   *
   * @internal
   */
  public abstract readonly _defaultProtocol: FailoverHealthCheckProtocol;

  /**
   * The web tier, for `webTier()` endpoints.
   *
   * @internal
   */
  public abstract readonly _webTier?: MultiAzWebTier;

  /**
   * Records the problems with the endpoint itself.
   *
   * @internal
   */
  public abstract _validate(v: PropsValidator, property: string): void;

  /**
   * The target of the failover record.
   *
   * @internal
   */
  public abstract _target(): route53.RecordTarget;

  /**
   * Where the health check sends its requests; `recordName` is the name clients resolve.
   *
   * @internal
   */
  public abstract _healthCheckTarget(recordName: string): HealthCheckTarget;
}

class LoadBalancerEndpoint extends FailoverEndpoint {
  public readonly _description: string;
  public readonly _recordType = route53.RecordType.A;
  public readonly _alias = true;
  public readonly _identity: unknown;
  public readonly _defaultProtocol: FailoverHealthCheckProtocol;

  constructor(private readonly loadBalancer: elbv2.ILoadBalancerV2, public readonly _webTier?: MultiAzWebTier) {
    super();
    this._identity = loadBalancer;
    this._description = _webTier ? `web tier '${_webTier.node.path}'` : `load balancer '${loadBalancer.node.path}'`;
    // The tier redirects HTTP to HTTPS only when it has a certificate; otherwise it serves HTTP only.
    this._defaultProtocol = _webTier && !_webTier.redirectListener ? FailoverHealthCheckProtocol.HTTP : FailoverHealthCheckProtocol.HTTPS;
  }

  public _validate(v: PropsValidator, property: string): void {
    // Route 53 health checkers are on the internet: an internal load balancer's name resolves to
    // private addresses they cannot reach, so its health check would never pass.
    const cfn = this.loadBalancer.node.defaultChild;
    if (!(cfn instanceof elbv2.CfnLoadBalancer)) return;
    const scheme = Stack.of(cfn).resolve(cfn.scheme);
    v.require(scheme !== 'internal', property, `${this._description} is internal, and Route 53 health checkers, which are on the internet, `
      + 'cannot reach it, so its health check would never pass', this._webTier
      ? 'Give a web tier with internetFacing: true (the default).'
      : 'Give an internet-facing load balancer (internetFacing: true).');
  }

  public _target(): route53.RecordTarget {
    return route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(this.loadBalancer, { evaluateTargetHealth: true }));
  }

  public _healthCheckTarget(): HealthCheckTarget {
    return { fqdn: this.loadBalancer.loadBalancerDnsName };
  }
}

/** Labels of letters, digits and hyphens, at most 253 characters in all; a trailing dot is allowed. */
const HOST_NAME = /^(?=.{1,253}\.?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

class DomainNameEndpoint extends FailoverEndpoint {
  public readonly _recordType = route53.RecordType.CNAME;
  public readonly _alias = false;
  public readonly _identity: unknown;
  public readonly _defaultProtocol = FailoverHealthCheckProtocol.HTTPS;
  public readonly _webTier = undefined;
  public readonly _description: string;

  constructor(private readonly domainName: string) {
    super();
    const known = !Token.isUnresolved(domainName);
    this._identity = known ? `name:${domainName.toLowerCase().replace(/\.$/, '')}` : undefined;
    this._description = known ? `domain name ${domainName}` : 'a domain name decided at deploy time';
  }

  public _validate(v: PropsValidator, property: string): void {
    if (Token.isUnresolved(this.domainName)) return;
    v.require(HOST_NAME.test(this.domainName) && this.domainName.includes('.'), property, `'${this.domainName}' is not a host name`,
      "Give only the host name, without scheme, port or path, e.g. FailoverEndpoint.domainName('standby.example.net').");
  }

  public _target(): route53.RecordTarget {
    return route53.RecordTarget.fromValues(this.domainName);
  }

  public _healthCheckTarget(): HealthCheckTarget {
    return { fqdn: this.domainName };
  }
}

/** IPv4 ranges Route 53 cannot check: private, shared, loopback, link-local, documentation, multicast and reserved. */
const UNCHECKABLE_IPV4: Array<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
];

function ipv4Number(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** True when Route 53 health checkers, on the internet, cannot reach the address. */
function uncheckable(ip: string): boolean {
  if (isIP(ip) === 4) {
    const n = ipv4Number(ip);
    return UNCHECKABLE_IPV4.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(ipv4Number(base) / 2 ** (32 - bits)));
  }
  const lower = ip.toLowerCase();
  // Unspecified, loopback, unique local (fc00::/7), link-local (fe80::/10), multicast, documentation.
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || lower.startsWith('ff')
    || /^2001:0?db8:/.test(lower);
}

class IpAddressEndpoint extends FailoverEndpoint {
  public readonly _recordType: route53.RecordType;
  public readonly _alias = false;
  public readonly _identity: unknown;
  public readonly _defaultProtocol = FailoverHealthCheckProtocol.HTTPS;
  public readonly _webTier = undefined;
  public readonly _description: string;

  constructor(private readonly address: string) {
    super();
    const known = !Token.isUnresolved(address);
    this._recordType = known && isIP(address) === 6 ? route53.RecordType.AAAA : route53.RecordType.A;
    this._identity = known ? `ip:${address.toLowerCase()}` : undefined;
    this._description = known ? `IP address ${address}` : 'an IP address decided at deploy time';
  }

  public _validate(v: PropsValidator, property: string): void {
    if (Token.isUnresolved(this.address)) return;
    if (isIP(this.address) === 0) {
      v.require(false, property, `'${this.address}' is not an IPv4 or IPv6 address`,
        "Give an address such as '44.192.0.10', or use FailoverEndpoint.domainName() for a host name.");
      return;
    }
    v.require(!uncheckable(this.address), property,
      `${this.address} is a private, loopback, link-local, documentation or otherwise non-routable address, which Route 53 health checkers on the internet cannot reach`,
      'Give the public address of the endpoint, such as an Elastic IP.');
  }

  public _target(): route53.RecordTarget {
    return route53.RecordTarget.fromIpAddresses(this.address);
  }

  public _healthCheckTarget(recordName: string): HealthCheckTarget {
    return { ipAddress: this.address, fqdn: recordName };
  }
}
