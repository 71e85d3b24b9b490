import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { acknowledgeFinding } from '../common/acknowledge';

/** Why each kind of wildcard in a drill's policies cannot name its resources, by the end of the ARN. */
const WILDCARD_REASONS: Array<[RegExp, string]> = [
  [/^\*$/, 'FIS log delivery, the describe and list calls FIS makes to find the targets at run time, and the fault actions without '
    + 'resource-level permissions cannot name a resource; ec2:InjectApiError is limited by its ec2:FisActionId condition and '
    + 'ecs:StopTask to the tier\'s cluster by its ecs:cluster condition.'],
  [/:network-acl\/\*$/, 'The network ACL that FIS creates for the experiment has no ID before it runs; creating, changing and deleting '
    + 'ACLs is limited by the managedByFIS tag, and swapping them to the subnets the drill names.'],
  [/:vpc\/\*$/, 'FIS creates its network ACL in the VPC of the target subnets, which it finds from the subnets the drill names when the '
    + 'experiment runs.'],
  [/:instance\/\*$/, 'The instances of an Auto Scaling group are launched at run time; stopping and starting them is limited by the '
    + 'condition on the web tier\'s cdk-ha:component tag.'],
  [/:experiment\/\*$/, 'Each start creates an experiment whose ID is not known in advance; starting is limited to this drill\'s '
    + 'experiment template.'],
];

/** An ARN as cdk-nag shows it in a finding ID: `Ref`s and `Fn::GetAtt`s in angle brackets. */
function asShown(scope: IConstruct, arn: string): string {
  const resolved = Stack.of(scope).resolve(arn);
  if (typeof resolved === 'string') return resolved;
  const join = resolved?.['Fn::Join'];
  if (!Array.isArray(join)) return JSON.stringify(resolved);
  return (join[1] as unknown[]).map(part => {
    if (typeof part === 'string') return part;
    const p = part as Record<string, any>;
    if (p.Ref) return `<${p.Ref}>`;
    if (p['Fn::GetAtt']) return `<${p['Fn::GetAtt'].join('.')}>`;
    return JSON.stringify(p);
  }).join(join[0]);
}

/**
 * Acknowledges cdk-nag's `AwsSolutions-IAM5` for the wildcards a drill's role or policy cannot avoid,
 * each with its reason; a wildcard without a known reason stays reported.
 */
export function acknowledgeWildcards(scope: IConstruct, statements: readonly iam.PolicyStatement[]): void {
  const seen = new Set<string>();
  for (const resource of statements.flatMap(s => s.resources)) {
    const shown = asShown(scope, resource);
    const reason = WILDCARD_REASONS.find(([pattern]) => pattern.test(shown))?.[1];
    if (!reason || !shown.includes('*') || seen.has(shown)) continue;
    seen.add(shown);
    acknowledgeFinding(scope, `AwsSolutions-IAM5[Resource::${shown}]`, reason);
  }
}
