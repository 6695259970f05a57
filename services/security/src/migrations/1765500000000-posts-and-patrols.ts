import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Posts, rosters, shifts and handovers; patrol routes, their rounds, scans and misses (domain.md §7). */
export class PostsAndPatrols1765500000000 implements MigrationInterface {
  name = 'PostsAndPatrols1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE security_posts (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('gate', 'lobby', 'warehouse', 'control_room'))
    )`);
    await db.query(`CREATE TABLE guard_shifts (
      id uuid PRIMARY KEY,
      post_id uuid NOT NULL REFERENCES security_posts (id),
      date date NOT NULL,
      guard_username text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
      status text NOT NULL CHECK (status IN ('rostered', 'on_duty', 'ended')),
      started_at timestamptz,
      ended_at timestamptz
    )`);
    await db.query(`CREATE INDEX guard_shifts_post_time ON guard_shifts (post_id, starts_at)`);
    await db.query(`CREATE INDEX guard_shifts_guard_time ON guard_shifts (guard_username, starts_at)`);
    await db.query(`CREATE TABLE shift_handovers (
      id uuid PRIMARY KEY,
      post_id uuid NOT NULL REFERENCES security_posts (id),
      from_shift_id uuid NOT NULL UNIQUE REFERENCES guard_shifts (id),
      to_shift_id uuid NOT NULL REFERENCES guard_shifts (id),
      outgoing_guard text NOT NULL,
      incoming_guard text NOT NULL CHECK (incoming_guard <> outgoing_guard),
      equipment_checked jsonb NOT NULL,
      keys jsonb NOT NULL,
      open_matters text NOT NULL,
      outgoing_confirmed_at timestamptz,
      incoming_confirmed_at timestamptz,
      status text NOT NULL CHECK (status IN ('pending', 'confirmed'))
    )`);
    await db.query(`CREATE TABLE patrol_routes (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('fire', 'night')),
      frequency_minutes integer NOT NULL CHECK (frequency_minutes > 0),
      active_from text NOT NULL,
      active_to text NOT NULL,
      effective_from timestamptz NOT NULL
    )`);
    await db.query(`CREATE TABLE patrol_checkpoints (
      id uuid PRIMARY KEY,
      route_id uuid NOT NULL REFERENCES patrol_routes (id),
      position integer NOT NULL,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      tenant_area boolean NOT NULL DEFAULT false,
      UNIQUE (route_id, position)
    )`);
    await db.query(`CREATE TABLE patrol_rounds (
      id uuid PRIMARY KEY,
      route_id uuid NOT NULL REFERENCES patrol_routes (id),
      night date NOT NULL,
      window_start timestamptz NOT NULL,
      window_end timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'completed', 'missed')),
      UNIQUE (route_id, window_start)
    )`);
    await db.query(`CREATE INDEX patrol_rounds_open ON patrol_rounds (window_end) WHERE status = 'open'`);
    await db.query(`CREATE INDEX patrol_rounds_night ON patrol_rounds (night)`);
    await db.query(`CREATE TABLE patrol_scans (
      id uuid PRIMARY KEY,
      code text NOT NULL,
      checkpoint_id uuid REFERENCES patrol_checkpoints (id),
      route_id uuid REFERENCES patrol_routes (id),
      round_id uuid REFERENCES patrol_rounds (id),
      guard_username text NOT NULL,
      second_guard text,
      scanned_at timestamptz NOT NULL,
      flags jsonb NOT NULL
    )`);
    await db.query(`CREATE INDEX patrol_scans_round ON patrol_scans (round_id)`);
    await db.query(`CREATE TABLE patrol_misses (
      round_id uuid NOT NULL REFERENCES patrol_rounds (id),
      checkpoint_id uuid NOT NULL REFERENCES patrol_checkpoints (id),
      route_id uuid NOT NULL,
      code text NOT NULL,
      night date NOT NULL,
      window_start timestamptz NOT NULL,
      window_end timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      PRIMARY KEY (round_id, checkpoint_id)
    )`);
    await db.query(`CREATE INDEX patrol_misses_night ON patrol_misses (night)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['patrol_misses', 'patrol_scans', 'patrol_rounds', 'patrol_checkpoints', 'patrol_routes', 'shift_handovers', 'guard_shifts', 'security_posts']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
