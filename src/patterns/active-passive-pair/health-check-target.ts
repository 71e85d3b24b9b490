// Internal to the pair: how an endpoint tells the pair what to health check. Not exported from the package.

/** Where a Route 53 health check sends its requests. */
export interface HealthCheckTarget {
  /** The name Route 53 resolves (without `ipAddress`) or sends as Host header and SNI name (with it). */
  readonly fqdn?: string;
  /** The address Route 53 checks. */
  readonly ipAddress?: string;
}
