/**
 * How much a failed check matters.
 */
export enum Severity {
  /** One failure causes an outage or data loss. */
  ERROR = 'error',
  /** Reduced resilience or a recovery gap. */
  WARNING = 'warning',
  /** Advice. */
  INFO = 'info',
}

/**
 * What kind of weakness a rule looks for.
 */
export enum RuleCategory {
  /** A single point of failure: one component or one Availability Zone takes the workload down. */
  SPOF = 'spof',
  /** Failure is not detected, or traffic does not move away from it. */
  FAILOVER = 'failover',
  /** Backup, restore and recovery from disasters. */
  DR = 'dr',
  /** Failures nobody hears about. */
  MONITORING = 'monitoring',
  /** No protection against too much load. */
  OVERLOAD = 'overload',
}

/**
 * The outcome of a check on one resource, as reported.
 */
export enum FindingStatus {
  /** The resource fails the check. */
  FAIL = 'fail',
  /** The check depends on values only known at deploy time (parameters, conditions, imports). */
  UNKNOWN = 'unknown',
}

/**
 * Which findings make a run fail.
 */
export enum FailOn {
  /** Unacknowledged findings of severity error. */
  ERROR = 'error',
  /** Unacknowledged findings of severity warning or error. */
  WARNING = 'warning',
  /** Never fail; report only. */
  NEVER = 'never',
}

/**
 * Report file formats.
 */
export enum ReportFormat {
  /** The versioned JSON report (`cdk-ha-report.json`). */
  JSON = 'json',
  /** SARIF 2.1.0, for code-scanning tools (`cdk-ha-report.sarif`). */
  SARIF = 'sarif',
  /** A Markdown summary with a table per stack (`cdk-ha-report.md`). */
  MARKDOWN = 'markdown',
}

/**
 * One failed or undecided check on one resource.
 */
export interface Finding {
  /** The rule's stable ID, e.g. `HA-RDS1`. */
  readonly ruleId: string;
  /** The rule's title. */
  readonly title: string;
  /** The severity of this finding. */
  readonly severity: Severity;
  /** Failed, or undecided at synth time. */
  readonly status: FindingStatus;
  /** The rule's category. */
  readonly category: RuleCategory;
  /** The stack: its construct path for CDK stacks, else the template's base name. */
  readonly stack: string;
  /** The template file. */
  readonly templatePath: string;
  /** The resource's logical ID. */
  readonly logicalId: string;
  /** The resource's CloudFormation type. */
  readonly resourceType: string;
  /**
   * The resource's construct path.
   * @default - not known (a template that CDK did not write)
   */
  readonly constructPath?: string;
  /**
   * The property the finding is about, as a dotted path below `Properties`.
   * @default - the resource as a whole
   */
  readonly property?: string;
  /** What is wrong, for this resource. */
  readonly message: string;
  /**
   * The whole of each long generated name (a nested stack's parameter, an export) that the message
   * shows by its last part, keyed by the part shown (`…VpcPrivateSubnet1SubnetRef`).
   * @default - the message shows every name whole
   */
  readonly fullNames?: Record<string, string>;
  /** How to fix it. */
  readonly remediation: string;
  /**
   * The declared objective that makes this finding more than advice, in words ("an RPO of 1 h for an
   * Availability Zone failure"), for rules whose findings are info unless the objectives need them.
   * @default - the finding has its rule's severity
   */
  readonly raisedBy?: string;
  /**
   * The 1-based line of the resource in its template file.
   * @default - not known
   */
  readonly line?: number;
  /** True when the finding was acknowledged. */
  readonly suppressed: boolean;
  /**
   * Why the finding was acknowledged.
   * @default - not acknowledged
   */
  readonly suppressionReason?: string;
}
