export * from './props';
export * from './serving-region';
export * from './active-active';
