import { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IConstruct } from 'constructs';
import { FailoverEndpoint } from '../active-passive-pair/endpoint';
import { MultiAzWebTier } from '../multi-az-web-tier/multi-az-web-tier';

/** Options of one serving Region. */
export interface ServingRegionOptions {
  /**
   * The Region's share of clients with `ActiveActiveRouting.WEIGHTED`, from 0 to 255, relative to the
   * other Regions' weights. Ignored with latency routing.
   *
   * @default 1 (an equal share)
   */
  readonly weight?: number;
}

/** One Region of an `ActiveActive`: the internet-facing load balancer that serves it. */
export class ServingRegion {
  /** A `MultiAzWebTier` in a stack of its Region; the Regions' tiers are compared for drift. */
  public static webTier(tier: MultiAzWebTier, options: ServingRegionOptions = {}): ServingRegion {
    return new ServingRegion(FailoverEndpoint.webTier(tier), tier.loadBalancer, options, tier);
  }

  /** An Application or Network Load Balancer in a stack of its Region. */
  public static loadBalancer(loadBalancer: elbv2.ILoadBalancerV2, options: ServingRegionOptions = {}): ServingRegion {
    return new ServingRegion(FailoverEndpoint.loadBalancer(loadBalancer), loadBalancer, options);
  }

  /**
   * The record target and health check of the Region.
   *
   * @internal
   */
  public readonly _endpoint: FailoverEndpoint;

  /**
   * The construct whose stack tells the Region.
   *
   * @internal
   */
  public readonly _scope: IConstruct;

  /**
   * The Region's weight.
   *
   * @internal
   */
  public readonly _weight?: number;

  /**
   * The web tier, for `webTier()` Regions.
   *
   * @internal
   */
  public readonly _tier?: MultiAzWebTier;

  private constructor(endpoint: FailoverEndpoint, scope: IConstruct, options: ServingRegionOptions, tier?: MultiAzWebTier) {
    this._endpoint = endpoint;
    this._scope = scope;
    this._weight = options.weight;
    this._tier = tier;
  }

  /**
   * The Region of the load balancer's stack (a token for an environment-agnostic stack).
   *
   * @internal
   */
  public get _region(): string {
    return Stack.of(this._scope).region;
  }
}
