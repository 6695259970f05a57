export * from './events.js';
export * from './requests.js';
export * from './views.js';
export * from './collection.js';
export * from './credit-notes.js';
export * from './cash-office.js';
export * from './cash-incidents.js';
export * from './catalog.js';
