import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { interceptRender, withLogicalIdsRemembered } from '../../../src/checks/hosts/stack-model';

describe('withLogicalIdsRemembered', () => {
  function stackWithQueues() {
    const stack = new Stack(new App(), 'Queues');
    const dead = new sqs.Queue(stack, 'Dead');
    const work = new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: dead, maxReceiveCount: 3 } });
    return { stack, dead, work };
  }

  test('resolves the same logical IDs and references, deriving each ID once', () => {
    const { stack, dead, work } = stackWithQueues();
    const expected = stack.resolve([dead.node.defaultChild, work.node.defaultChild].map(c => (c as sqs.CfnQueue).logicalId));
    const derive = jest.spyOn(stack, 'allocateLogicalId' as any);
    const inside = withLogicalIdsRemembered(stack, () => {
      const ids = stack.resolve([(dead.node.defaultChild as sqs.CfnQueue).logicalId, (work.node.defaultChild as sqs.CfnQueue).logicalId]);
      const redrive = stack.resolve((work.node.defaultChild as sqs.CfnQueue).redrivePolicy);
      stack.resolve((dead.node.defaultChild as sqs.CfnQueue).logicalId);
      return { ids, redrive };
    });
    expect(inside.ids).toEqual(expected);
    expect(inside.redrive).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [expected[0], 'Arn'] }, maxReceiveCount: 3 });
    expect(derive).toHaveBeenCalledTimes(2);
  });

  test('puts the stack back as it was, also when the checks throw', () => {
    const { stack, dead } = stackWithQueues();
    expect(() => withLogicalIdsRemembered(stack, () => { throw new Error('boom'); })).toThrow('boom');
    expect(Object.prototype.hasOwnProperty.call(stack, 'getLogicalId')).toBe(false);
    withLogicalIdsRemembered(stack, () => stack.resolve((dead.node.defaultChild as sqs.CfnQueue).logicalId));
    expect(Object.prototype.hasOwnProperty.call(stack, 'getLogicalId')).toBe(false);
    // Renames after the checks still apply.
    stack.renameLogicalId(stack.resolve((dead.node.defaultChild as sqs.CfnQueue).logicalId), 'Renamed');
    expect(stack.resolve((dead.node.defaultChild as sqs.CfnQueue).logicalId)).toBe('Renamed');
  });
});

describe('interceptRender', () => {
  const render = (stack: Stack) => (stack as any)._toCloudFormation();

  test('intercepts the next rendering once, then takes itself out', () => {
    const stack = new Stack(new App(), 'S');
    new sqs.Queue(stack, 'Q');
    const seen: string[] = [];
    interceptRender(stack, original => { seen.push('intercepted'); return original(); });
    expect(Object.keys(render(stack).Resources)).toHaveLength(1);
    render(stack);
    expect(seen).toEqual(['intercepted']);
    expect(Object.prototype.hasOwnProperty.call(stack, '_toCloudFormation')).toBe(false);
  });

  test('leaves in place a wrapper that another library installed after it', () => {
    const stack = new Stack(new App(), 'S');
    new sqs.Queue(stack, 'Q');
    let intercepted = 0;
    interceptRender(stack, original => { intercepted++; return original(); });
    const ours = (stack as any)._toCloudFormation;
    let wrapped = 0;
    const theirs = function (this: Stack) { wrapped++; return ours.call(this); };
    Object.defineProperty(stack, '_toCloudFormation', { value: theirs, configurable: true, writable: true });
    render(stack);
    render(stack);
    expect((stack as any)._toCloudFormation).toBe(theirs);
    expect([intercepted, wrapped]).toEqual([1, 2]);
  });

  test('does without when the stack cannot be intercepted (a property that cannot be redefined)', () => {
    const stack = new Stack(new App(), 'S');
    const own = () => ({ Resources: {} });
    Object.defineProperty(stack, '_toCloudFormation', { value: own, configurable: false, writable: false });
    expect(interceptRender(stack, () => ({}))).toBeUndefined();
    expect((stack as any)._toCloudFormation).toBe(own);
  });
});
