export * from './props';
export * from './endpoint';
export * from './active-passive-pair';
