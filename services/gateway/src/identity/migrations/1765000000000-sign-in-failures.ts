import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed sign-ins per client address, kept where every gateway instance counts them: one limit for all. */
export class SignInFailures1765000000000 implements MigrationInterface {
  name = 'SignInFailures1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE sign_in_failures (
      client text NOT NULL,
      at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await db.query(`CREATE INDEX sign_in_failures_client ON sign_in_failures (client, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sign_in_failures`);
  }
}
