export * from './props';
export * from './region-switch-plan';
