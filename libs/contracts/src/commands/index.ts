export * from './pagination.js';
export * from './sales.commands.js';
export * from './finance.commands.js';
export * from './inventory.commands.js';
export * from './security.commands.js';
export * from './admin.commands.js';
export * from './identity.commands.js';
