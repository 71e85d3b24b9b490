/**
 * The limits on what is read, so that no input can make a check run without end or out of memory.
 * Where CloudFormation has a limit, it is the same: a template past it could not be deployed anyway.
 */

/**
 * The largest template read: CloudFormation's limit for a template body uploaded to S3 (1 MB), which
 * is also the largest template CDK can deploy. `Fn::ForEach` does not change it: it applies to the
 * processed template too.
 */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** The largest cloud assembly file read (manifests, asset manifests, metadata files with their stack traces). */
export const MAX_ASSEMBLY_FILE_BYTES = 64 * 1024 * 1024;

/** The most resources a template may declare, `Fn::ForEach` loops expanded: CloudFormation's limit. */
export const MAX_RESOURCES = 500;

/**
 * How deeply mappings and lists may nest in a template. CloudFormation documents no limit; real
 * templates nest a few dozen levels at most, and this bounds the work of every reader of the data.
 */
export const MAX_VALUE_DEPTH = 200;

/**
 * How many bytes `Fn::ForEach` loops may copy while they expand: four times the processed
 * template's limit, room for loops nested in loops, whose outer copies are expanded again.
 */
export const MAX_FOR_EACH_COPY_BYTES = 4 * MAX_TEMPLATE_BYTES;

/**
 * The most nested stacks read in one workload. Each `AWS::CloudFormation::Stack` resource is a stack
 * of its own, so templates that nest the same template many times over multiply: twenty nested
 * stacks in each of five levels are 3.2 million stacks.
 */
export const MAX_NESTED_STACKS = 500;

/**
 * The most resources read from nested stacks in one workload, each time a template is nested
 * counted: twenty full templates, more than real applications nest.
 */
export const MAX_NESTED_RESOURCES = 20 * MAX_RESOURCES;
