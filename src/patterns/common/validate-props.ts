import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { usageError } from './errors';

/**
 * Collects every problem with a construct's props and throws once, naming the construct path,
 * each property and its fix. Values that are tokens are never judged: they are only known at deploy time.
 */
export class PropsValidator {
  private readonly problems: string[] = [];

  constructor(private readonly scope: IConstruct, private readonly constructName: string) {}

  /** Records a problem with `property` unless `ok`; the message says what is wrong and how to fix it. */
  public require(ok: boolean, property: string, problem: string, fix: string): this {
    if (!ok) this.problems.push(`${property}: ${problem}. ${fix}`);
    return this;
  }

  /**
   * Checks a number against inclusive bounds, skipping tokens and undefined values.
   */
  public range(value: number | undefined, property: string, min: number, max: number, fix?: string): this {
    if (value === undefined || Token.isUnresolved(value)) return this;
    const ok = Number.isFinite(value) && value >= min && value <= max;
    return this.require(ok, property, `${value} is outside ${min}-${max}`, fix ?? `Use a value from ${min} to ${max}.`);
  }

  /** Checks that a number is a whole number, skipping tokens and undefined values. */
  public integer(value: number | undefined, property: string): this {
    if (value === undefined || Token.isUnresolved(value)) return this;
    return this.require(Number.isInteger(value), property, `${value} is not a whole number`, 'Use a whole number.');
  }

  /** True when any problem was recorded. */
  public get failed(): boolean {
    return this.problems.length > 0;
  }

  /** Throws one error listing every problem, if there are any. */
  public throwIfInvalid(): void {
    if (this.problems.length === 0) return;
    // The trace starts where the construct was created: its constructor and cdk-ha's frames are left out.
    throw usageError(`${this.constructName} at '${this.scope.node.path}' has invalid props:\n${this.problems.map(p => `  - ${p}`).join('\n')}`,
      this.scope.constructor);
  }
}

/** True when a value is known at synth time (not a token). */
export function isResolved(value: unknown): boolean {
  return value !== undefined && !Token.isUnresolved(value);
}
