import { Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The tag the building blocks put on the resources that drills target by tag (instances of an Auto
 * Scaling group, and the group itself), with the building block's construct path as value.
 */
export const COMPONENT_TAG = 'cdk-ha:component';

/** EC2 tag values are at most 256 characters. */
const MAX_TAG_VALUE = 256;

/** The value of the component tag for a building block: its construct path. */
export function componentTagValue(block: IConstruct): string {
  const path = block.node.path;
  return path.length <= MAX_TAG_VALUE ? path : path.slice(path.length - MAX_TAG_VALUE);
}

/** Tags a resource (and what it launches) as part of a building block. */
export function tagComponent(resource: IConstruct, block: IConstruct): void {
  Tags.of(resource).add(COMPONENT_TAG, componentTagValue(block));
}
