import { RuleCases } from './cases';
import { SEARCH_DATA_NODES, SEARCH_MASTER_NODES, SEARCH_STANDBY } from '../../../src/checks/rules/opensearch';
import { res, template } from '../../helpers/templates';

const domain = (cluster?: object) => res('AWS::OpenSearchService::Domain', { EngineVersion: 'OpenSearch_2.13', ...(cluster ? { ClusterConfig: cluster } : {}) });
const legacy = (cluster: object) => res('AWS::Elasticsearch::Domain', { ElasticsearchVersion: '7.10', ElasticsearchClusterConfig: cluster });
const threeZones = { ZoneAwarenessEnabled: true, ZoneAwarenessConfig: { AvailabilityZoneCount: 3 }, InstanceCount: 3 };
const masters = { DedicatedMasterEnabled: true, DedicatedMasterCount: 3, DedicatedMasterType: 'm6g.large.search' };
const params = { Parameters: { N: { Type: 'Number' }, P: { Type: 'String' } } };

export const OPENSEARCH_CASES: RuleCases[] = [
  {
    rule: SEARCH_DATA_NODES,
    compliant: {
      'three zone-aware data nodes': { template: template({ D: domain(threeZones) }), target: 'D' },
      'a legacy Elasticsearch domain with six nodes over two zones': { template: template({ D: legacy({ ZoneAwarenessEnabled: 'true', InstanceCount: 6 }) }), target: 'D' },
    },
    nonCompliant: {
      'all defaults (one node, no zone awareness)': {
        template: template({ D: domain() }),
        target: 'D',
        message: /OpenSearch domain D is not zone-aware \(ZoneAwarenessEnabled is not set\) and has a single data node \(InstanceCount is not set\)/,
      },
      'three nodes without zone awareness': { template: template({ D: domain({ InstanceCount: 3, ZoneAwarenessEnabled: false }) }), target: 'D', message: /ZoneAwarenessEnabled is false/ },
      'two zone-aware data nodes (a warning)': { template: template({ D: domain({ ZoneAwarenessEnabled: true, InstanceCount: 2 }) }), target: 'D', message: /has 2 data nodes/, severity: 'warning' },
      'a legacy domain with one node': { template: template({ D: legacy({ InstanceCount: 1, ZoneAwarenessEnabled: true }) }), target: 'D', message: /Elasticsearch domain D has a single data node/ },
    },
    unknown: {
      'the node count from a parameter': { template: template({ D: domain({ ZoneAwarenessEnabled: true, InstanceCount: { Ref: 'N' } }) }, params), target: 'D', message: /InstanceCount is the parameter N/ },
      'the whole cluster configuration behind a condition': {
        template: template({ D: domain({ 'Fn::If': ['Prod', threeZones, { InstanceCount: 1 }] }) }, { ...params, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'P' }, 'prod'] } } }),
        target: 'D',
      },
    },
    notApplicable: {
      'an OpenSearch Serverless collection': { template: template({ C: res('AWS::OpenSearchServerless::Collection', { Name: 'logs' }) }) },
    },
  },
  {
    rule: SEARCH_MASTER_NODES,
    compliant: {
      'three dedicated masters': { template: template({ D: domain({ ...threeZones, ...masters }) }), target: 'D' },
      'dedicated masters with the service default count': { template: template({ D: domain({ ...threeZones, DedicatedMasterEnabled: true, DedicatedMasterType: 'm6g.large.search' }) }), target: 'D' },
    },
    nonCompliant: {
      'no dedicated masters (default)': { template: template({ D: domain(threeZones) }), target: 'D', message: /has no dedicated master nodes \(DedicatedMasterEnabled is not set\)/ },
      'two dedicated masters on a legacy domain': { template: template({ D: legacy({ ...threeZones, DedicatedMasterEnabled: true, DedicatedMasterCount: 2 }) }), target: 'D', message: /has 2 dedicated master nodes/ },
    },
    unknown: {
      'dedicated masters from a parameter': { template: template({ D: domain({ ...threeZones, DedicatedMasterEnabled: { Ref: 'P' } }) }, params), target: 'D', message: /parameter P/ },
    },
    notApplicable: {
      'an OpenSearch Serverless collection': { template: template({ C: res('AWS::OpenSearchServerless::Collection', { Name: 'logs' }) }) },
    },
  },
  {
    rule: SEARCH_STANDBY,
    compliant: { 'three zones with a standby': { template: template({ D: domain({ ...threeZones, ...masters, MultiAZWithStandbyEnabled: true }) }), target: 'D' } },
    nonCompliant: {
      'three zones without a standby': { template: template({ D: domain({ ...threeZones, ...masters }) }), target: 'D', message: /serves from three zones without a standby/ },
    },
    unknown: {
      'standby from a parameter': { template: template({ D: domain({ ...threeZones, ...masters, MultiAZWithStandbyEnabled: { Ref: 'P' } }) }, params), target: 'D', message: /parameter P/ },
      'the zone count from a parameter': {
        template: template({ D: domain({ ZoneAwarenessEnabled: true, ZoneAwarenessConfig: { AvailabilityZoneCount: { Ref: 'N' } }, InstanceCount: 3 }) }, params),
        target: 'D',
        message: /parameter N/,
      },
    },
    notApplicable: {
      'two zones (a standby needs three)': { template: template({ D: domain({ ZoneAwarenessEnabled: true, InstanceCount: 4 }) }), target: 'D' },
      'not zone-aware (HA-SEARCH1 judges it)': { template: template({ D: domain({ InstanceCount: 3 }) }), target: 'D' },
    },
  },
];
