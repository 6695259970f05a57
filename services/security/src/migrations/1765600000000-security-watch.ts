import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Incidents through their life, notifications, the monitoring room, visitors and cash escorts (domain.md §7). */
export class SecurityWatch1765600000000 implements MigrationInterface {
  name = 'SecurityWatch1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE incidents
      ADD COLUMN assignee text,
      ADD COLUMN acknowledged_by text,
      ADD COLUMN acknowledged_at timestamptz,
      ADD COLUMN escalated_at timestamptz,
      ADD COLUMN resolution text,
      ADD COLUMN closed_at timestamptz,
      ADD COLUMN notes jsonb NOT NULL DEFAULT '[]'::jsonb,
      ADD COLUMN cash_involved boolean NOT NULL DEFAULT false,
      ADD COLUMN cash_amount_fen bigint CHECK (cash_amount_fen IS NULL OR (cash_amount_fen >= 0 AND cash_involved))`);
    // The escalation scan reads only serious incidents still waiting for acknowledgement and not yet escalated.
    await db.query(`CREATE INDEX incidents_awaiting_acknowledgement ON incidents (acknowledge_by) WHERE status = 'reported' AND acknowledge_by IS NOT NULL AND escalated_at IS NULL`);
    await db.query(`CREATE INDEX incidents_status ON incidents (status, reported_at DESC)`);
    await db.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      recipient_role text NOT NULL,
      kind text NOT NULL,
      subject text NOT NULL,
      document_id uuid,
      created_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE INDEX notifications_role ON notifications (recipient_role, created_at DESC)`);
    await db.query(`CREATE TABLE duty_log (
      id uuid PRIMARY KEY,
      entry text NOT NULL,
      camera text,
      operator text NOT NULL,
      at timestamptz NOT NULL
    )`);
    await db.query(`CREATE INDEX duty_log_at ON duty_log (at DESC)`);
    await db.query(`CREATE TABLE duty_handovers (
      id uuid PRIMARY KEY,
      from_operator text NOT NULL,
      to_operator text NOT NULL CHECK (to_operator <> from_operator),
      notes text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'confirmed')),
      handed_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
    )`);
    await db.query(`CREATE TABLE camera_sweeps (
      id uuid PRIMARY KEY,
      camera text NOT NULL,
      result text NOT NULL CHECK (result IN ('ok', 'fault', 'obstructed', 'suspicious')),
      note text,
      operator text NOT NULL,
      swept_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE INDEX camera_sweeps_at ON camera_sweeps (swept_at DESC)`);
    await db.query(`CREATE TABLE footage_holds (
      id uuid PRIMARY KEY,
      camera text NOT NULL,
      from_at timestamptz NOT NULL,
      to_at timestamptz NOT NULL CHECK (to_at > from_at),
      reason text NOT NULL,
      incident_id uuid REFERENCES incidents (id),
      held_until timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('held', 'released')),
      held_by text NOT NULL,
      held_at timestamptz NOT NULL,
      released_by text,
      released_at timestamptz
    )`);
    // Held footage is never deleted: released holds stay as records.
    await db.query(`CREATE FUNCTION refuse_footage_hold_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'footage holds are never deleted; release them'; END $$`);
    await db.query(`CREATE TRIGGER footage_holds_no_delete BEFORE DELETE ON footage_holds FOR EACH ROW EXECUTE FUNCTION refuse_footage_hold_delete()`);
    await db.query(`CREATE TABLE footage_hold_views (
      id uuid PRIMARY KEY,
      hold_id uuid NOT NULL REFERENCES footage_holds (id),
      viewer text NOT NULL,
      viewer_roles text[] NOT NULL,
      viewed_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE INDEX footage_hold_views_hold ON footage_hold_views (hold_id, viewed_at DESC)`);
    await db.query(`CREATE TABLE visitors (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      id_number_masked text NOT NULL,
      host text NOT NULL,
      purpose text NOT NULL,
      badge text NOT NULL,
      status text NOT NULL CHECK (status IN ('on_site', 'left')),
      checked_in_at timestamptz NOT NULL,
      expected_leave_at timestamptz NOT NULL,
      checked_out_at timestamptz,
      checked_in_by text NOT NULL
    )`);
    await db.query(`CREATE INDEX visitors_checked_in ON visitors (checked_in_at DESC)`);
    // One visitor per badge on site at a time.
    await db.query(`CREATE UNIQUE INDEX visitors_badge_on_site ON visitors (badge) WHERE status = 'on_site'`);
    await db.query(`CREATE TABLE escorts (
      id uuid PRIMARY KEY,
      deposit_id uuid NOT NULL UNIQUE,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      bank text NOT NULL,
      planned_at timestamptz NOT NULL,
      requested_by text NOT NULL,
      status text NOT NULL CHECK (status IN ('requested', 'assigned', 'departed', 'completed')),
      guards jsonb NOT NULL DEFAULT '[]'::jsonb,
      assigned_by text,
      departed_at timestamptz,
      arrived_at timestamptz,
      CHECK (status IN ('requested') OR jsonb_array_length(guards) >= 2)
    )`);
    await db.query(`CREATE INDEX escorts_planned ON escorts (planned_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['escorts', 'visitors', 'footage_hold_views', 'footage_holds', 'camera_sweeps', 'duty_handovers', 'duty_log', 'notifications']) await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.query(`DROP FUNCTION IF EXISTS refuse_footage_hold_delete()`);
    await db.query(`DROP INDEX IF EXISTS incidents_status`);
    await db.query(`DROP INDEX IF EXISTS incidents_awaiting_acknowledgement`);
    await db.query(`ALTER TABLE incidents DROP COLUMN assignee, DROP COLUMN acknowledged_by, DROP COLUMN acknowledged_at, DROP COLUMN escalated_at, DROP COLUMN resolution, DROP COLUMN closed_at, DROP COLUMN notes, DROP COLUMN cash_involved, DROP COLUMN cash_amount_fen`);
  }
}
