export * from './requests.js';
export * from './views.js';
export * from './operations.js';
