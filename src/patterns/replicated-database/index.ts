export * from './props';
export * from './topology';
export * from './replicated-database';
