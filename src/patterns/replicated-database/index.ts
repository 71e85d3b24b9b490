export * from './props';
export * from './topology';
export * from './replicated-database';
export * from './secondary-props';
export * from './secondary';
