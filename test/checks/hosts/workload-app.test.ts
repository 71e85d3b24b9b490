import * as fs from 'fs';
import * as path from 'path';
import { Duration, NestedStack, Stack, StackProps, Stage, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { Finding, HaChecks, HaValidationPlugin, ReportFormat, ResilienceObjectives, ResiliencePreset } from '../../../src';
import { runCli, tempApp } from '../../helpers/apps';
import { cdkAtLeast } from '../../helpers/cdk-version';

const ENV = { account: '123456789012', region: 'us-east-1' };
const ZONES = { [`availability-zones:account=${ENV.account}:region=${ENV.region}`]: ['us-east-1a', 'us-east-1b', 'us-east-1c'] };

class Network extends Stack {
  public readonly vpc: ec2.Vpc;
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 3 });
  }
}

/** A database of the data stack, and in a nested stack a legacy one, Single-AZ. */
class Data extends Stack {
  public readonly db: rds.DatabaseInstance;
  constructor(scope: Construct, id: string, props: StackProps & { vpc: ec2.IVpc; multiAz: boolean }) {
    super(scope, id, props);
    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
    this.db = new rds.DatabaseInstance(this, 'Db', { engine, vpc: props.vpc, multiAz: props.multiAz, backupRetention: Duration.days(7) });
    const legacy = new NestedStack(this, 'Legacy');
    new rds.DatabaseInstance(legacy, 'LegacyDb', { engine, vpc: props.vpc, multiAz: false, backupRetention: Duration.days(7) });
  }
}

/** The web tier: an Auto Scaling group in the network stack's subnets (all zones, or the first only). */
class Web extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { vpc: ec2.IVpc; oneZone: boolean }) {
    super(scope, id, props);
    new autoscaling.AutoScalingGroup(this, 'Asg', {
      vpc: props.vpc,
      vpcSubnets: props.oneZone ? { subnets: [props.vpc.privateSubnets[0]] } : { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      minCapacity: 3,
      maxCapacity: 6,
    });
  }
}

/** An alarm in its own stack, on the data stack's database. */
class Monitoring extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { db: rds.DatabaseInstance }) {
    super(scope, id, props);
    new cloudwatch.Alarm(this, 'DbCpu', { metric: props.db.metricCPUUtilization(), threshold: 90, evaluationPeriods: 3 });
  }
}

function buildApp(scope: Construct, options: { oneZone?: boolean; multiAz?: boolean } = {}) {
  const network = new Network(scope, 'Network', { env: ENV });
  const data = new Data(scope, 'Data', { env: ENV, vpc: network.vpc, multiAz: options.multiAz ?? true });
  new Web(scope, 'Web', { env: ENV, vpc: network.vpc, oneZone: options.oneZone ?? false });
  new Monitoring(scope, 'Monitoring', { env: ENV, db: data.db });
}

/**
 * aws-cdk-lib before 2.258 does not record which template file each nested stack's construct path
 * has in the cloud assembly, so the plugin and the command line cannot tell the construct paths of
 * a nested stack's resources there (the aspect, in the app, can).
 */
const NESTED_PATHS_IN_ASSEMBLY = cdkAtLeast('2.258.0');

/** What must be equal, whoever checked: everything but where the template file is said to be. */
function comparable(findings: readonly (Finding | any)[]): string[] {
  return findings.map(f => JSON.stringify([f.stack, path.basename(f.templatePath), f.logicalId, f.ruleId, f.status, f.severity,
    f.property ?? null, NESTED_PATHS_IN_ASSEMBLY || !f.templatePath.endsWith('.nested.template.json') ? f.constructPath ?? null : '-',
    f.message, f.suppressed])).sort();
}

/** Checks the app with the aspect, the validation plugin and the command line; returns the findings of each. */
function checkedThreeWays(options: { oneZone?: boolean; multiAz?: boolean }) {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const { app, outdir, cleanup } = tempApp({ context: ZONES });
  try {
    buildApp(app, options);
    const aspect = HaChecks.applyTo(app);
    const plugin = new HaValidationPlugin();
    Validations.of(app).addPlugins(plugin);
    app.synth();
    const cli = runCli(['check', outdir, '--format', 'json', '--fail-on', 'never']);
    expect(cli.stderr).toBe('');
    // Construct paths are read from the cloud assembly on first use: read them before it is removed.
    const plain = (findings: readonly Finding[]) => findings.map(f => ({ ...f }));
    return { aspect: plain(aspect.findings), plugin: plain(plugin.findings), cli: JSON.parse(cli.stdout).findings as any[] };
  } finally {
    cleanup();
    jest.restoreAllMocks();
  }
}

const summary = (findings: readonly any[], rule: string) => findings.filter(f => f.ruleId === rule)
  .map(f => `${f.stack} ${f.constructPath} ${f.status}`).sort();

describe('a workload of several stacks, nested stacks and references between them', () => {
  test('the aspect, the plugin and the command line find the same things, across the stacks', () => {
    const { aspect, plugin, cli } = checkedThreeWays({});
    expect(comparable(plugin)).toEqual(comparable(aspect));
    expect(comparable(cli)).toEqual(comparable(aspect));
    // The nested stack's Single-AZ database is found, and named with its nested stack.
    expect(summary(aspect, 'HA-RDS1')).toEqual(['Data/Legacy Data/Legacy/LegacyDb/Resource fail']);
    // The group's subnets come from the network stack: three zones, decided.
    expect(summary(aspect, 'HA-ASG1')).toEqual([]);
    // The alarm in the monitoring stack watches the data stack's database; the legacy database has none.
    expect(summary(aspect, 'HA-ALARM1')).toEqual(['Data/Legacy Data/Legacy/LegacyDb/Resource fail']);
    // Nothing is left undecided for want of the other stacks.
    expect(aspect.filter(f => f.status === 'unknown').map(f => `${f.ruleId} ${f.constructPath}: ${f.message}`)).toEqual([]);
  });

  test('a group in one zone of the network stack fails, in every host', () => {
    const { aspect, plugin, cli } = checkedThreeWays({ oneZone: true });
    expect(summary(aspect, 'HA-ASG1')).toEqual(['Web Web/Asg/ASG fail']);
    expect(summary(plugin, 'HA-ASG1')).toEqual(summary(aspect, 'HA-ASG1'));
    expect(summary(cli, 'HA-ASG1')).toEqual(summary(aspect, 'HA-ASG1'));
  });
});

describe('objectives of a workload', () => {
  function assessed(multiAz: boolean) {
    const { app, outdir, cleanup } = tempApp({ context: ZONES });
    try {
      buildApp(app, { multiAz });
      ResilienceObjectives.declare(app, { preset: ResiliencePreset.BUSINESS_CRITICAL });
      const checks = HaChecks.applyTo(app);
      app.synth();
      const report = JSON.parse(runCli(['check', outdir, '--format', 'json', '--fail-on', 'never']).stdout);
      return { checks, workloads: report.assessment.workloads as any[] };
    } finally {
      cleanup();
    }
  }

  test('are judged for the workload as a whole: one verdict, the weakest link across its stacks', () => {
    const { workloads } = assessed(false);
    expect(workloads).toHaveLength(1);
    expect(workloads[0].stacks).toEqual(['Network', 'Data', 'Data/Legacy', 'Web', 'Monitoring']);
    expect(workloads[0].verdict).toBe('breached');
    // Zone failure: the Single-AZ database of the data stack is the weakest link of the web stack's workload too.
    expect(workloads[0].recovery.az.rto).toMatchObject({ verdict: 'breached', weakestLink: { stack: 'Data', resourceType: 'AWS::RDS::DBInstance' } });
    expect(workloads[0].byStack.find((s: any) => s.stack === 'Web').recovery.az.rto.verdict).toBe('met');
  });
});

describe('reports of an aspect applied to Stages', () => {
  test('each Stage writes its own report file', () => {
    const { app, outdir, cleanup } = tempApp({ context: ZONES });
    try {
      for (const name of ['Beta', 'Prod']) {
        const stage = new Stage(app, name);
        buildApp(stage);
        HaChecks.applyTo(stage, { reportFormats: [ReportFormat.JSON] });
      }
      app.synth();
      const reports = fs.readdirSync(outdir).filter(f => f.startsWith('cdk-ha-report')).sort();
      expect(reports).toEqual(['cdk-ha-report-Beta.json', 'cdk-ha-report-Prod.json']);
      for (const name of ['Beta', 'Prod']) {
        const report = JSON.parse(fs.readFileSync(path.join(outdir, `cdk-ha-report-${name}.json`), 'utf-8'));
        expect(new Set(report.findings.map((f: any) => f.stack.split('/')[0]))).toEqual(new Set([name]));
      }
    } finally {
      cleanup();
    }
  });
});
