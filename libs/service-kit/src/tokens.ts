export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const NAMING = Symbol('NAMING');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const OUTBOX = Symbol('OUTBOX');
export const CATALOG = Symbol('CATALOG');
