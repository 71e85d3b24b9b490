import * as path from 'path';
import { CfnParameter, Duration, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Finding, HaChecks, HaValidationPlugin } from '../../../src';
import { runCli, tempApp } from '../../helpers/apps';

/** What must be equal, whoever checked: everything but where the template file is said to be. */
function comparable(findings: readonly Finding[] | any[]): string[] {
  return findings.map(f => JSON.stringify([f.stack, path.basename(f.templatePath), f.logicalId, f.ruleId, f.status, f.severity,
    f.property ?? null, f.constructPath ?? null, f.message, f.suppressed, f.suppressionReason ?? null])).sort();
}

test('the aspect, the validation plugin and the command line find the same things', () => {
  // CDK prints the plugin's report on the console.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const { app, outdir, cleanup } = tempApp();
  try {
    const shop = new Stack(app, 'Shop');
    const vpc = new ec2.Vpc(shop, 'Vpc', { natGateways: 1 });
    new rds.DatabaseInstance(shop, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });
    const sandbox = new rds.DatabaseInstance(shop, 'Sandbox', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc, backupRetention: Duration.days(0) });
    HaChecks.acknowledge(sandbox, 'HA-RDS1', 'The sandbox database may go down with its zone.');
    const stage = new Stage(app, 'Prod');
    const prod = new Stack(stage, 'Data');
    const multiAz = new CfnParameter(prod, 'MultiAz', { type: 'String' });
    new rds.CfnDBInstance(prod, 'Db', { engine: 'mysql', dbInstanceClass: 'db.t4g.micro', multiAz: multiAz.valueAsString as any });

    const aspect = HaChecks.applyTo(app);
    const staged = HaChecks.applyTo(stage);
    const plugin = new HaValidationPlugin();
    Validations.of(app).addPlugins(plugin);
    app.synth();

    const cli = runCli(['check', outdir, '--format', 'json', '--fail-on', 'never']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.stdout).findings;

    const fromAspect = [...aspect.findings, ...staged.findings];
    expect(fromAspect.filter(f => /^HA-(RDS[13]|VPC1)$/.test(f.ruleId)).map(f => `${f.stack} ${f.ruleId} ${f.status}${f.suppressed ? ' acknowledged' : ''}`).sort()).toEqual([
      'Prod/Data HA-RDS1 unknown', 'Shop HA-RDS1 fail', 'Shop HA-RDS1 fail acknowledged', 'Shop HA-RDS3 fail', 'Shop HA-VPC1 fail',
    ]);
    expect(comparable(plugin.findings)).toEqual(comparable(fromAspect));
    expect(comparable(fromCli)).toEqual(comparable(fromAspect));
  } finally {
    cleanup();
  }
});
