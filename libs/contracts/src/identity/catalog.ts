import { auditOperations } from '../admin/operations.js';
import { ROLE_NAMES } from '@ops/kernel';
import { defineCatalog, pageOf } from '../catalog.js';
import { CreateUserRequest, ListPeopleQuery, ListUsersQuery, SetRolesRequest } from './requests.js';
import { PersonView, UserView } from './views.js';

/**
 * What the gateway itself owns: the people who sign in, their roles, and the trail of sign-ins and
 * user administration. Served by the gateway; listed here so one table says who may do what.
 */
export const IdentityCatalog = {
  ...defineCatalog('identity', {
    createUser: {
      kind: 'command', roles: ['admin'], request: CreateUserRequest, creates: true, servedBy: 'gateway',
      http: { method: 'POST', path: 'identity/users' },
      answers: UserView, summary: 'Create a user', errors: [409],
    },
    listUsers: {
      kind: 'query', roles: ['admin'], request: ListUsersQuery, servedBy: 'gateway',
      http: { method: 'GET', path: 'identity/users' },
      answers: pageOf(UserView), summary: 'List users',
    },
    listPeople: {
      kind: 'query', roles: ROLE_NAMES, request: ListPeopleQuery, servedBy: 'gateway',
      http: { method: 'GET', path: 'identity/people' },
      answers: pageOf(PersonView), summary: 'The people of the company: name and username for each user id',
      description:
        'Documents name people by user id (who recorded a receipt, who approved an order, who checked a gate); this directory, open to ' +
        'every signed-in person, puts a name to each. No roles, no sign-in details: those stay with `GET identity/users` (administrators). ' +
        '`ids` (comma-separated, up to 200) answers just those people.',
    },
    setRoles: {
      kind: 'command', roles: ['admin'], request: SetRolesRequest, servedBy: 'gateway',
      http: { method: 'PUT', path: 'identity/users/:id/roles', body: SetRolesRequest },
      answers: UserView, summary: 'Set a user\'s roles', errors: [404], description: 'Takes effect at once, also for tokens already issued.',
    },
    streamChanges: {
      kind: 'query', roles: ROLE_NAMES, servedBy: 'gateway', tag: 'live',
      http: { method: 'GET', path: 'changes' },
      answers: 'event-stream', summary: 'Follow changes as they happen (server-sent events)',
      description:
        'A `text/event-stream` that stays open: one `change` event (data: a ChangeNotice) each time a document moves to a new state, ' +
        'from the services whose documents the signed-in person may read, and a comment line every 15 s to keep the connection alive. ' +
        'Its first line, the comment `: connected`, comes once the stream is following: a change committed after it is sent. ' +
        'A notice says what changed, not its content: read the document again through its route. Notices are not kept: after a reconnect, ' +
        'read what the screen shows again. Send the access token as for any route (`Authorization: Bearer …`; use a fetch-based reader, ' +
        'since a browser EventSource cannot send headers). The stream ends when the session does.',
    },
    deactivateUser: {
      kind: 'command', roles: ['admin'], servedBy: 'gateway',
      http: { method: 'POST', path: 'identity/users/:id/deactivate' },
      answers: UserView, summary: 'Deactivate a user', errors: [404], description: 'Ends every open session of the user at once.',
    },
  }),
  ...defineCatalog('identity', auditOperations('identity', []), 'admin.'),
};
