export * from './props';
export * from './scenario';
export * from './failover-drill';
