export * from './events.js';
export * from './requests.js';
export * from './views.js';
export * from './returns.js';
export * from './performance.js';
export * from './reception.js';
export * from './catalog.js';
