export * from './errors.js';
export * from './calendar.js';
export * from './period.js';
export * from './money.js';
export * from './roles.js';
export * from './approval.js';
export * from './segregation.js';
export * from './state-machine.js';
