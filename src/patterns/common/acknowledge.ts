import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges a finding of a validation plugin (such as cdk-nag's `AwsSolutions-IAM4`) on a construct
 * and everything below it, with the reason the construct accepts it.
 *
 * Granular finding IDs contain `::` (`AwsSolutions-IAM4[Policy::arn:...]`), which
 * `Validations.acknowledge()` rejects as a namespace separator in the aws-cdk-lib versions this
 * library supports (fixed later in aws/aws-cdk#38787). Those are recorded directly in the metadata
 * that `Validations.acknowledge()` writes and that plugins read.
 */
export function acknowledgeFinding(scope: IConstruct, id: string, reason: string): void {
  if (id.includes('::')) {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
  } else {
    Validations.of(scope).acknowledge({ id, reason });
  }
}
