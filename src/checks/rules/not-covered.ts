/**
 * Checks that a reviewer would want but that a CloudFormation template cannot decide, with the
 * reason. RULES.md lists them so that nobody mistakes silence for a pass.
 */
export interface NotCovered {
  /** What the check would look for. */
  readonly check: string;
  /** Why a template cannot decide it. */
  readonly reason: string;
}

export const NOT_COVERED: readonly NotCovered[] = [
  {
    check: 'Direct Connect redundancy (two connections at two locations, or a VPN as backup)',
    reason: 'Direct Connect connections have no CloudFormation resource type; a template shows at most an imported gateway ID.',
  },
  {
    check: 'Replica shard count of OpenSearch indexes',
    reason: 'Replicas are set per index through the OpenSearch API at run time, not in the template.',
  },
  {
    check: 'VPN tunnels up, recovery points created, restores tested, alarms that actually fire',
    reason: 'These are run-time states, visible only in the deployed account (AWS Config, AWS Backup, Resilience Hub, fault injection).',
  },
  {
    check: 'Copies and standbys that live in other stacks or accounts (a cross-Region read replica, a backup copy job, a standby stack)',
    reason: 'A template only shows its own resources; judge the whole application by checking every stack of it together, and declare Region-level objectives so that a missing copy is reported.',
  },
];
