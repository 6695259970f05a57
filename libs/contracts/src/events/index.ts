export * from './sales.events.js';
export * from './finance.events.js';
export * from './inventory.events.js';
export * from './security.events.js';
