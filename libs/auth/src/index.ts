export * from './roles.js';
export * from './permissions.js';
export * from './actor-assertion.js';
export * from './segregation.js';
