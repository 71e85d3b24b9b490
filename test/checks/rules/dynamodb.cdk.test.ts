import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { checkTemplate } from '../../../src/checks/engine';
import { DYNAMODB_RULES } from '../../../src/checks/rules/dynamodb';
import { modelOfStack } from '../../helpers/templates';

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), DYNAMODB_RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status}`).sort();
}

const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };

describe('DynamoDB tables built with CDK', () => {
  test('a provisioned table scaled on every capacity, with PITR and deletion protection, has no findings', () => {
    const stack = new Stack(new App(), 'S');
    const table = new dynamodb.Table(stack, 'Orders', {
      partitionKey,
      billingMode: dynamodb.BillingMode.PROVISIONED,
      deletionProtection: true,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    table.addGlobalSecondaryIndex({ indexName: 'byCustomer', partitionKey: { name: 'customer', type: dynamodb.AttributeType.STRING } });
    const scaling = { minCapacity: 5, maxCapacity: 100 };
    table.autoScaleReadCapacity(scaling).scaleOnUtilization({ targetUtilizationPercent: 70 });
    table.autoScaleWriteCapacity(scaling).scaleOnUtilization({ targetUtilizationPercent: 70 });
    table.autoScaleGlobalSecondaryIndexReadCapacity('byCustomer', scaling).scaleOnUtilization({ targetUtilizationPercent: 70 });
    table.autoScaleGlobalSecondaryIndexWriteCapacity('byCustomer', scaling).scaleOnUtilization({ targetUtilizationPercent: 70 });
    expect(findings(stack)).toEqual([]);
  });

  test('a provisioned table whose index does not scale, and tables without deletion protection', () => {
    const stack = new Stack(new App(), 'S');
    const table = new dynamodb.Table(stack, 'Orders', {
      partitionKey, billingMode: dynamodb.BillingMode.PROVISIONED, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    table.addGlobalSecondaryIndex({ indexName: 'byCustomer', partitionKey: { name: 'customer', type: dynamodb.AttributeType.STRING } });
    table.autoScaleReadCapacity({ minCapacity: 5, maxCapacity: 100 }).scaleOnUtilization({ targetUtilizationPercent: 70 });
    table.autoScaleWriteCapacity({ minCapacity: 5, maxCapacity: 100 }).scaleOnUtilization({ targetUtilizationPercent: 70 });
    new dynamodb.TableV2(stack, 'Global', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    new dynamodb.Table(stack, 'OnDemand', {
      partitionKey,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      deletionProtection: true,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    expect(findings(stack)).toEqual(['HA-DDB2 Global fail', 'HA-DDB2 Orders fail', 'HA-DDB3 Orders fail']);
    const [scaling] = checkTemplate(modelOfStack(stack), DYNAMODB_RULES).findings.filter(f => f.ruleId === 'HA-DDB3');
    expect(scaling.message).toMatch(/no auto scaling for the read capacity of index byCustomer, write capacity of index byCustomer:/);
  });
});
