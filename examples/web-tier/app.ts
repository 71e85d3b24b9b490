/**
 * A web application on Fargate behind an Application Load Balancer, spread over every
 * Availability Zone of its VPC, with the cdk-ha checks applied: they find nothing to report.
 *
 * The application needs 4 tasks at peak; the tier runs 6 over three zones (8 over two), so
 * losing a zone still leaves 4. Give a certificate for HTTPS: `cdk synth -c certificateArn=arn:...`.
 * Without an account and Region (no credentials), the stack is environment-agnostic: CDK then
 * knows only two zones, and the tier says so in a warning.
 */
import { App, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { HaChecks } from '../../src';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';

export interface WebTierStackProps extends StackProps {
  /** An ACM certificate for the site's domain: HTTPS, with HTTP redirected. Without it, HTTP only. */
  readonly certificateArn?: string;
}

export class WebTierStack extends Stack {
  public readonly tier: MultiAzWebTier;

  constructor(scope: Construct, id: string, props: WebTierStackProps = {}) {
    super(scope, id, props);

    this.tier = new MultiAzWebTier(this, 'Web', {
      compute: WebTierCompute.fargate({
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
        cpu: 512,
        memoryLimitMiB: 1024,
      }),
      capacity: { needed: 4 },
      certificate: props.certificateArn ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) : undefined,
    });

    const scheme = props.certificateArn ? 'https' : 'http';
    new CfnOutput(this, 'Url', { value: `${scheme}://${this.tier.loadBalancer.loadBalancerDnsName}` });
    new CfnOutput(this, 'AlarmTopic', { value: this.tier.alarmTopic.topicArn, description: 'Subscribe to be told when the tier is in trouble' });
  }
}

/** Builds the example app; the checks apply to every stack in it. */
export function buildWebTierApp(app: App, props: WebTierStackProps = {}): { stack: WebTierStack; checks: HaChecks } {
  const stack = new WebTierStack(app, 'WebTier', props);
  const checks = HaChecks.applyTo(app);
  return { stack, checks };
}

if (require.main === module) {
  const app = new App();
  // With credentials, `cdk synth` knows the account and Region, and looks up their zones.
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  buildWebTierApp(app, {
    certificateArn: app.node.tryGetContext('certificateArn'),
    env: account && region ? { account, region } : undefined,
  });
  app.synth();
}
