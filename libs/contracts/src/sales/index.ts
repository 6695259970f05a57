export * from './events.js';
export * from './requests.js';
export * from './views.js';
export * from './catalog.js';
