// CDK's own acknowledgement forms keep their reasons once cdk-ha is loaded (see native-acknowledgements.ts).
import './checks/hosts/native-acknowledgements';
export * from './checks/types';
export * from './checks/hosts/aspect';
export * from './checks/hosts/plugin';
export * from './checks/hosts/objectives';
export * from './patterns/multi-az-web-tier';
export * from './patterns/replicated-database';
export * from './patterns/active-passive-pair';
export * from './patterns/region-switch';
export * from './patterns/active-active';
export * from './patterns/drills';
