import { App, Stack } from 'aws-cdk-lib';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import { checkTemplate } from '../../../src/checks/engine';
import { OPENSEARCH_RULES } from '../../../src/checks/rules/opensearch';
import { modelOfStack } from '../../helpers/templates';

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), OPENSEARCH_RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status} ${f.severity}`).sort();
}

describe('OpenSearch domains built with CDK', () => {
  test('three zone-aware data nodes, three dedicated masters and a standby have no findings; the construct defaults are one node and no masters', () => {
    const stack = new Stack(new App(), 'S');
    const version = opensearch.EngineVersion.OPENSEARCH_2_11;
    new opensearch.Domain(stack, 'Ha', {
      version,
      capacity: { dataNodes: 3, masterNodes: 3, multiAzWithStandbyEnabled: true },
      zoneAwareness: { enabled: true, availabilityZoneCount: 3 },
    });
    new opensearch.Domain(stack, 'Dev', { version, capacity: { multiAzWithStandbyEnabled: false } });
    expect(findings(stack)).toEqual(['HA-SEARCH1 Dev fail error', 'HA-SEARCH2 Dev fail warning']);
  });

  test('three zones without a standby are advice (HA-SEARCH3) unless declared objectives set an availability target', () => {
    const stack = new Stack(new App(), 'S');
    new opensearch.Domain(stack, 'NoStandby', {
      version: opensearch.EngineVersion.OPENSEARCH_2_11,
      capacity: { dataNodes: 3, masterNodes: 3, multiAzWithStandbyEnabled: false },
      zoneAwareness: { enabled: true, availabilityZoneCount: 3 },
    });
    expect(findings(stack)).toEqual(['HA-SEARCH3 NoStandby fail info']);
  });
});
