import { vpc } from './builders';
import { RuleCases } from './cases';
import { NAT_PER_AZ } from '../../../src/checks/rules/vpc';
import { az } from '../../helpers/templates';

export const VPC_CASES: RuleCases[] = [
  {
    rule: NAT_PER_AZ,
    compliant: {
      'one NAT gateway per zone, each zone routed to its own': { template: vpc({ natZones: [az(0), az(1)], privateZones: [az(0), az(1)], routes: [0, 1] }), target: 'Nat0' },
      'literal zones': { template: vpc({ natZones: ['us-east-1a', 'us-east-1b'], privateZones: ['us-east-1a', 'us-east-1b'], routes: [0, 1] }), target: 'Nat1' },
    },
    nonCompliant: {
      'one NAT gateway for two zones': { template: vpc({ natZones: [az(0)], privateZones: [az(0), az(1)], routes: [0, 0] }), target: 'Nat0', message: /Private1 \(zone 2 of the Region\)/ },
      'a subnet routed to the NAT gateway of another zone': { template: vpc({ natZones: [az(0), az(1)], privateZones: [az(0), az(1)], routes: [1, 1] }), target: 'Nat1', message: /Private0/ },
    },
    unknown: {
      'the NAT gateway subnet has no zone': { template: vpc({ natZones: [undefined], privateZones: [az(0), az(1)], routes: [0, 0] }), target: 'Nat0', message: /not known at synth time/ },
      'a private subnet zone from a parameter': { template: vpc({ natZones: [az(0)], privateZones: [az(0), { Ref: 'AzParam' }], routes: [0, 0] }), target: 'Nat0', message: /cannot be compared/ },
    },
    notApplicable: {
      'a regional NAT gateway': { template: vpc({ natZones: [az(0)], privateZones: [az(0), az(1)], routes: [0, 0], natExtra: { AvailabilityMode: 'regional' } }), target: 'Nat0' },
      'a NAT gateway no subnet routes to': { template: vpc({ natZones: [az(0)], privateZones: [], routes: [] }), target: 'Nat0' },
    },
  },
];
