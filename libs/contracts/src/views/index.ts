export * from './sales.views.js';
export * from './finance.views.js';
export * from './inventory.views.js';
export * from './security.views.js';
export * from './admin.views.js';
