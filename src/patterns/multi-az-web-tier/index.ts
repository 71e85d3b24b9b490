export * from './props';
export * from './compute';
export * from './multi-az-web-tier';
