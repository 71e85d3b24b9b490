import { RuleCategory, Severity } from '../types';
import { configRule, fail, PASS, Rule, undecided, unknown, WA } from './rule';

const AUTO_ROLLBACK = 'AutoRollbackConfiguration';

export const CODEDEPLOY_AUTO_ROLLBACK: Rule = {
  id: 'HA-CODEDEPLOY1',
  title: 'CodeDeploy deployment group does not roll back failed deployments',
  severity: Severity.INFO,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::CodeDeploy::DeploymentGroup'],
  explanation:
    'When a deployment fails part-way, instances, tasks or traffic are left on a mix of the old and the new version. Without '
    + 'automatic rollback they stay there until someone notices and redeploys the last good revision; with it, CodeDeploy '
    + 'redeploys that revision at once.',
  flags: 'A deployment group whose `AutoRollbackConfiguration` is absent, not enabled, or does not list `DEPLOYMENT_FAILURE`.',
  defaults: 'Without `AutoRollbackConfiguration`, CodeDeploy does not roll back. CDK deployment groups roll back failed deployments by default.',
  remediation: 'Set `AutoRollbackConfiguration: { Enabled: true, Events: [DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_ALARM] }` and an '
    + '`AlarmConfiguration` with the alarms that show a bad release (CDK: `autoRollback: { failedDeployment: true, deploymentInAlarm: true }`, `alarms`).',
  references: [
    configRule('codedeploy-auto-rollback-monitor-enabled'),
    { label: 'Redeploy and roll back a deployment with CodeDeploy', url: 'https://docs.aws.amazon.com/codedeploy/latest/userguide/deployments-rollback-and-redeploy.html' },
    WA.REL08_BP05,
  ],
  evaluate(r) {
    if (!r.has(AUTO_ROLLBACK)) {
      return fail(AUTO_ROLLBACK, `Deployment group ${r.logicalId} has no AutoRollbackConfiguration: a failed deployment is not rolled back automatically.`);
    }
    const enabled = r.bool(`${AUTO_ROLLBACK}.Enabled`, false);
    if (!enabled.known) return undecided(`${AUTO_ROLLBACK}.Enabled`, enabled);
    if (!enabled.value) {
      return fail(`${AUTO_ROLLBACK}.Enabled`, `Deployment group ${r.logicalId} has automatic rollback turned off: a failed deployment is not rolled back.`);
    }
    const events = r.list(`${AUTO_ROLLBACK}.Events`);
    if (!events.known) return unknown(`${AUTO_ROLLBACK}.Events`, `The rollback events of deployment group ${r.logicalId} are ${events.reason}.`);
    const names = events.value.map((_, i) => r.str(`${AUTO_ROLLBACK}.Events.${i}`));
    if (names.some(n => n.known && n.value === 'DEPLOYMENT_FAILURE')) return PASS;
    const open = names.find(n => !n.known);
    if (open && !open.known) return unknown(`${AUTO_ROLLBACK}.Events`, `A rollback event of deployment group ${r.logicalId} is ${open.reason}.`);
    const listed = names.map(n => (n.known ? n.value : '')).join(', ');
    return fail(`${AUTO_ROLLBACK}.Events`, `Deployment group ${r.logicalId} rolls back only on ${listed || 'no events'}, `
      + 'not on DEPLOYMENT_FAILURE: a failed deployment is not rolled back.');
  },
};

/** Every CodeDeploy rule; register these in the rule index. */
export const CODEDEPLOY_RULES: readonly Rule[] = [CODEDEPLOY_AUTO_ROLLBACK];
