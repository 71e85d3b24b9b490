/**
 * An error about how cdk-ha is used (bad props, bad arguments). Its stack trace starts at the
 * caller of `entry`, in the code that created the construct or called the method, rather than in
 * cdk-ha's own frames, which tell the user nothing; the message names what to change.
 */
export function usageError(message: string, entry: Function): Error {
  const error = new Error(message);
  error.name = 'ValidationError';
  Error.captureStackTrace(error, entry);
  return error;
}
