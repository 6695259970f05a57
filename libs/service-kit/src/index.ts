export * from './config.js';
export * from './tokens.js';
export * from './decorators.js';
export * from './health.controller.js';
export * from './messaging-runtime.js';
export * from './service-kit.module.js';
export * from './bootstrap.js';
export * from './platform-tables.js';
