export * from './events.js';
export * from './requests.js';
export * from './views.js';
export * from './returns.js';
export * from './purchasing-events.js';
export * from './catalog.js';
