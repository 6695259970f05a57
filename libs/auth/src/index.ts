export * from './permissions.js';
export * from './key-ring.js';
export * from './actor-assertion.js';
export * from './verified-tokens.js';
