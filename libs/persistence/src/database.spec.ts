import { isDatabaseConnectionLost, isDatabaseUnreachable } from './database.js';

describe('a database that cannot be reached', () => {
  it('is told by a refused or failed connect, and by a server starting up or shutting down (57P03), also when wrapped', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' });
    expect(isDatabaseUnreachable(refused)).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    // TypeORM keeps the driver's error as driverError; an Error's own cause is followed too.
    expect(isDatabaseUnreachable(Object.assign(new Error('query failed'), { driverError: refused }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('could not start', { cause: refused }))).toBe(true);
  });

  it('is not told by a connection lost mid-transaction (its COMMIT may have happened), a refusal by a rule, or a bug', () => {
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnreachable(undefined)).toBe(false);
    expect(isDatabaseUnreachable('connect')).toBe(false);
  });
});

describe('a connection to the database lost during the work', () => {
  it('is told by the server ending the session, a socket closed or reset under a statement, also when wrapped', () => {
    const ended = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(isDatabaseConnectionLost(ended)).toBe(true);
    expect(isDatabaseConnectionLost(Object.assign(new Error('terminating connection because of crash of another server process'), { code: '57P02' }))).toBe(true);
    expect(isDatabaseConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseConnectionLost(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseConnectionLost(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' }))).toBe(true);
    expect(isDatabaseConnectionLost(Object.assign(new Error('query failed'), { driverError: ended }))).toBe(true);
    expect(isDatabaseConnectionLost(new Error('COMMIT failed', { cause: new Error('Connection terminated unexpectedly') }))).toBe(true);
  });

  it('is not told by a connection never had (nothing ran), a refusal by a rule, our own end of the client, or a bug', () => {
    expect(isDatabaseConnectionLost(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' }))).toBe(false);
    expect(isDatabaseConnectionLost(Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET', syscall: 'connect' }))).toBe(false);
    expect(isDatabaseConnectionLost(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(false);
    expect(isDatabaseConnectionLost(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isDatabaseConnectionLost(new Error('Connection terminated'))).toBe(false);
    expect(isDatabaseConnectionLost(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseConnectionLost(undefined)).toBe(false);
  });
});
