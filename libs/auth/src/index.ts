export * from './permissions.js';
export * from './actor-assertion.js';
