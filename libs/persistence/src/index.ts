export * from './database.js';
export * from './data-source.js';
export * from './document-number.js';
export * from './transformers.js';
export * from './naming-strategy.js';
export * from './idempotency.js';
export * from './like.js';
