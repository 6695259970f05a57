import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The online catalogue (domain.md, online catalogue): a category tree, one listing per SKU (status written only by
 * ListingStore), and `listing_changes`, every change of a listing field by field (who, when, before, after).
 */
export class Listings1765710000000 implements MigrationInterface {
  name = 'Listings1765710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE listing_categories (
      code text PRIMARY KEY,
      name_zh text NOT NULL,
      name_en text NOT NULL,
      parent_code text REFERENCES listing_categories(code),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      CHECK (parent_code IS NULL OR parent_code <> code)
    )`);
    await db.query(`CREATE INDEX listing_categories_parent ON listing_categories (parent_code)`);
    await db.query(`CREATE TABLE listings (
      id uuid PRIMARY KEY,
      sku text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'unlisted')),
      title_zh text NOT NULL,
      title_en text NOT NULL,
      description_zh text NOT NULL,
      description_en text NOT NULL,
      specs jsonb NOT NULL DEFAULT '[]',
      price_fen bigint NOT NULL CHECK (price_fen >= 0),
      quantity_offered integer NOT NULL CHECK (quantity_offered >= 0),
      available_quantity integer CHECK (available_quantity >= 0),
      availability_sequence bigint NOT NULL DEFAULT 0,
      quantity_on_sale integer NOT NULL DEFAULT 0 CHECK (quantity_on_sale >= 0 AND quantity_on_sale <= quantity_offered),
      sold_out boolean NOT NULL DEFAULT false,
      category_code text NOT NULL REFERENCES listing_categories(code),
      images jsonb NOT NULL DEFAULT '[]',
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      submitted_by text,
      reviewed_by text,
      reviewed_at timestamptz,
      reject_reason text,
      published_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status NOT IN ('published', 'unlisted') OR (reviewed_by IS NOT NULL AND reviewed_by <> created_by))
    )`);
    await db.query(`CREATE INDEX listings_list ON listings (status, created_at DESC)`);
    await db.query(`CREATE INDEX listings_category ON listings (category_code)`);
    await db.query(`CREATE TABLE listing_changes (
      id bigserial PRIMARY KEY,
      listing_id uuid NOT NULL REFERENCES listings(id),
      sku text NOT NULL,
      field text NOT NULL,
      before jsonb,
      after jsonb,
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      note text
    )`);
    await db.query(`CREATE INDEX listing_changes_of ON listing_changes (listing_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE listing_changes`);
    await db.query(`DROP TABLE listings`);
    await db.query(`DROP TABLE listing_categories`);
  }
}
