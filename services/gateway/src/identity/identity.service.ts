import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { pageWindow, type Actor, type CreateUserRequest, type ListPeopleQuery, type ListUsersQuery, type Page, type PersonView, type TokensView, type UserView } from '@ops/contracts';
import { DomainError, ROLE_NAMES, type Role } from '@ops/kernel';
import type { AuditEntry } from '@ops/messaging';
import { fingerprintOf, once, rowByKey } from '@ops/persistence';
import { appendAudit } from '@ops/service-kit';
import * as argon2 from 'argon2';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ArrayContains, DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { GatewayConfig } from '../config.js';
import { afterFailure, afterSuccess, isLocked, passwordProblems } from './domain/sign-in-policy.js';
import { GatewayKeys, type AccessClaims } from './access-tokens.js';
import { SessionEntity, UserEntity } from './identity.entities.js';
import { SessionCache } from './session-cache.js';
import { SignInLimiter } from './sign-in-limiter.js';
import { GATEWAY_CONFIG } from './tokens.js';

export { GATEWAY_CONFIG };

/** argon2id at OWASP's minimum cost (19 MiB, 2 passes): memory-hard, yet quick enough to sign in at load. */
const ARGON2: argon2.HashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** People, their roles and their sessions: sign-in, refresh with rotation, sign-out, administration. */
@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentityService.name);
  private dummyHash?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: GatewayKeys,
    private readonly limiter: SignInLimiter,
    private readonly sessions: SessionCache,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.seedDemoUsers) await this.seedDemoUsers();
  }

  /** One user per role, username = role, password = `<role>-demo`; demo profile only, and only into an empty table. */
  private async seedDemoUsers(): Promise<void> {
    const users = this.dataSource.getRepository(UserEntity);
    if ((await users.count()) > 0) return;
    const rows: UserEntity[] = [];
    // One at a time: each hash takes 19 MiB, and twenty at once would leave the process that much bigger.
    for (const role of ROLE_NAMES) {
      rows.push(users.create({
        id: uuidv7(), username: role, displayName: `Demo ${role.replace(/_/g, ' ')}`, passwordHash: await argon2.hash(`${role}-demo`, ARGON2),
        roles: [role], active: true, failedAttempts: 0, lockedUntil: null, lastSignInAt: null,
      }));
    }
    await users.createQueryBuilder().insert().values(rows).orIgnore().execute();
    this.logger.log(`seeded ${rows.length} demo users (username = role, password = <role>-demo)`);
  }

  /**
   * Signs a person in from `client` (the caller's address). Every failure counts against the address's
   * limit, and a wrong password against the account's lockout; both are kept in the database, so every
   * gateway instance enforces the same ones.
   */
  async signIn(username: string, password: string, client: string, audit: (entry: Partial<AuditEntry>) => Promise<void>): Promise<TokensView> {
    await this.limiter.assertAllowed(client).catch(async (error) => {
      await audit({ outcome: 'refused', status: 429, summary: { username, client } });
      throw error;
    });
    const now = new Date();
    const user = await this.dataSource.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username }).getOne();
    const refused = new DomainError('unauthenticated', 'invalid-credentials', 'The username or password is wrong');
    const fail = async (entry: Partial<AuditEntry>, error: DomainError) => {
      await this.limiter.recordFailure(client);
      await audit({ ...entry, summary: { username, client, ...entry.summary } });
      return error;
    };
    if (!user) {
      await this.verify(await (this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), ARGON2)), password); // same work either way
      throw await fail({ outcome: 'rejected', status: 401 }, refused);
    }
    const actor = { userId: user.id, roles: user.roles };
    if (isLocked(user, now)) {
      throw await fail({ actor, outcome: 'refused', status: 423 }, new DomainError('locked', 'account-locked', `Too many failed sign-ins: the account is locked until ${user.lockedUntil!.toISOString()}`));
    }
    if (!(await this.verify(user.passwordHash, password))) {
      // Counted under the user's row lock: two instances failing at once both count.
      const state = await this.dataSource.transaction(async (tx) => {
        const current = await tx.findOneOrFail(UserEntity, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
        const next = afterFailure(current, now, this.config.lockout);
        await tx.update(UserEntity, user.id, next);
        return next;
      });
      throw await fail({ actor, outcome: 'rejected', status: 401, summary: { locked: state.lockedUntil !== null && isLocked(state, now) } }, refused);
    }
    if (!user.active) {
      throw await fail({ actor, outcome: 'refused', status: 403 }, new DomainError('forbidden', 'account-deactivated', 'This account has been deactivated'));
    }
    await this.dataSource.getRepository(UserEntity).update(user.id, { ...afterSuccess(), lastSignInAt: now });
    const tokens = await this.openSession(user);
    await audit({ actor, outcome: 'done', status: 200, target: user.id, summary: { username } } as Partial<AuditEntry>);
    return tokens;
  }

  private async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  private async openSession(user: UserEntity): Promise<TokensView> {
    const session = { id: uuidv7(), secret: randomBytes(32).toString('base64url') };
    await this.dataSource.getRepository(SessionEntity).insert({
      id: session.id, userId: user.id, refreshHash: sha256(session.secret), expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000), revokedAt: null, revokedReason: null,
    });
    return this.tokens(user, session.id, session.secret);
  }

  private async tokens(user: UserEntity, sid: string, secret: string): Promise<TokensView> {
    const claims: AccessClaims = { sub: user.id, sid, roles: user.roles, name: user.displayName };
    const accessToken = this.keys.signAccess(claims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.accessTokenTtlSeconds, refreshToken: `${sid}.${secret}`, user: userView(user) };
  }

  /**
   * Trades a refresh token for new tokens, once: the token rotates. Presenting an older token again
   * means it was copied, so the whole session is revoked.
   */
  async refresh(refreshToken: string): Promise<TokensView> {
    const [sid, secret] = refreshToken.split('.');
    const refused = new DomainError('unauthenticated', 'invalid-refresh-token', 'The refresh token is not valid; sign in again');
    if (!sid || !secret || !/^[0-9a-f-]{36}$/.test(sid)) throw refused;
    // The transaction answers instead of throwing, so the revocation of a reused token commits.
    let revoked: string | undefined;
    const outcome = await this.dataSource.transaction(async (tx): Promise<TokensView | null> => {
      const session = await rowByKey(tx, SessionEntity, 'id', sid, { lock: true });
      if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return null;
      if (!timingSafeEqual(Buffer.from(sha256(secret)), Buffer.from(session.refreshHash))) {
        await tx.update(SessionEntity, session.id, { revokedAt: new Date(), revokedReason: 'refresh token reused' });
        revoked = session.id;
        return null;
      }
      const user = await rowByKey(tx, UserEntity, 'id', session.userId, { lock: false });
      if (!user?.active) return null;
      const next = randomBytes(32).toString('base64url');
      await tx.update(SessionEntity, session.id, { refreshHash: sha256(next) });
      return this.tokens(user, session.id, next);
    });
    // Told after the commit: a request in between would read the session as still open and keep it.
    if (revoked) this.sessions.changed({ sid: revoked });
    if (!outcome) throw refused;
    return outcome;
  }

  async signOut(sid: string): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).update({ id: sid, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: 'signed out' });
    this.sessions.changed({ sid });
  }

  /**
   * The actor behind an access token, if its session is still open and its user still active: from the
   * session cache, or the database (roles come from there, so a role taken away applies at once).
   */
  async actorFor(claims: AccessClaims): Promise<Actor | null> {
    const cached = this.sessions.get(claims.sid);
    if (cached && cached.userId === claims.sub) return cached;
    const rows: Array<{ roles: string[]; display_name: string; username: string }> = await this.dataSource.query(
      `SELECT u.roles, u.display_name, u.username FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [claims.sid, claims.sub],
    );
    if (!rows.length) return null;
    const actor = { userId: claims.sub, roles: rows[0].roles, displayName: rows[0].display_name, username: rows[0].username };
    this.sessions.set(claims.sid, actor);
    return actor;
  }

  /** Creates a user once per Idempotency-Key (scoped by the admin who sends it), in one transaction with the key. */
  async createUser(request: CreateUserRequest, idempotencyKey?: string): Promise<UserView> {
    const problems = passwordProblems(request.password, request.username);
    if (problems.length) throw new DomainError('invalid', 'weak-password', 'The password is too weak', problems.map((message) => ({ field: 'password', message })));
    return this.dataSource.transaction((tx) =>
      once(tx, idempotencyKey, 'create-user', () => this.insertUser(tx, request), { fingerprint: fingerprintOf(request), keyHours: this.config.idempotencyKeyHours }));
  }

  private async insertUser(tx: EntityManager, request: CreateUserRequest): Promise<UserView> {
    const users = tx.getRepository(UserEntity);
    if (await users.createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username: request.username }).getExists()) {
      throw new DomainError('conflict', 'username-taken', `Username ${request.username} is taken`, [{ field: 'username', message: 'is taken' }]);
    }
    const user = users.create({
      id: uuidv7(), username: request.username, displayName: request.displayName, passwordHash: await argon2.hash(request.password, ARGON2),
      roles: [...new Set(request.roles)], active: true, failedAttempts: 0, lockedUntil: null, lastSignInAt: null,
    });
    return userView(await users.save(user));
  }

  async listUsers(query: ListUsersQuery): Promise<Page<UserView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(UserEntity).findAndCount({
      where: query.role ? { roles: ArrayContains([query.role]) } : {}, order: { username: 'ASC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map(userView), page, pageSize, total };
  }

  /** Names for user ids, for everyone signed in: no roles, no sign-in details. */
  async listPeople(query: ListPeopleQuery): Promise<Page<PersonView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(UserEntity).findAndCount({
      where: query.ids?.length ? { id: In(query.ids) } : {}, order: { displayName: 'ASC', username: 'ASC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map((u) => ({ id: u.id, displayName: u.displayName, username: u.username, active: u.active })), page, pageSize, total };
  }

  async getUser(id: string): Promise<UserView> {
    return userView(await this.requireUser(id));
  }

  async setRoles(id: string, roles: Role[] | string[]): Promise<UserView> {
    const user = await this.requireUser(id);
    user.roles = [...new Set(roles)];
    const saved = userView(await this.dataSource.getRepository(UserEntity).save(user));
    this.sessions.changed({ userId: id });
    return saved;
  }

  /** Deactivating ends every open session of the user at once. */
  async deactivate(id: string): Promise<UserView> {
    const user = await this.requireUser(id);
    const view = await this.dataSource.transaction(async (tx) => {
      user.active = false;
      await tx.save(user);
      await tx.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = 'user deactivated' WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      return userView(user);
    });
    this.sessions.changed({ userId: id });
    return view;
  }

  private async requireUser(id: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw new DomainError('not_found', 'user-not-found', `No user ${id}`);
    return user;
  }

  audit(entry: AuditEntry): Promise<void> {
    return appendAudit(this.dataSource, entry);
  }
}

export function userView(u: UserEntity): UserView {
  return {
    id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, active: u.active,
    lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString(),
  };
}
