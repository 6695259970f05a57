import { randomBytes } from 'node:crypto';

/** What every stand-in for a number drawn at commit starts with. */
const MARK = '#docno:';

/** A number of a gapless series, taken with the transaction's flush rather than when the document is made. */
interface HeldDraw {
  stand: string;
  series: string;
  year: number;
  /** The transaction's setting that holds it in Postgres, once drawn. */
  setting: string;
  sent: boolean;
  value?: string;
}

/** A statement that draws one held number, and what to do with its answer. */
export interface DrawStatement {
  sql: string;
  params: unknown[];
  answered: (rows: ReadonlyArray<{ number: string }>) => void;
}

/**
 * The SQL of a series' next number, `SO-2026-000123`: `cte` takes it from the series' counter row (to go in
 * a WITH as `name`), `number` formats what it took. `series` and `year` are the statement's placeholders.
 */
export function numberDrawnSql(name: string, series: string, year: string): { cte: string; number: string } {
  return {
    cte: `${name} AS (INSERT INTO document_sequences (series, year, last) VALUES (${series}::text, ${year}::int, 1)
     ON CONFLICT (series, year) DO UPDATE SET last = document_sequences.last + 1 RETURNING last)`,
    number: `${series}::text || '-' || ${year}::int || '-' || lpad(${name}.last::text, greatest(6, length(${name}.last::text)), '0')`,
  };
}

const drawn = numberDrawnSql('drawn', '$1', '$2');
/** Draws one number and keeps it in a setting of the transaction (is_local), where the statements after it read it. */
const DRAW_SQL = `WITH ${drawn.cte} SELECT set_config($3::text, ${drawn.number}, true) AS number FROM drawn`;

/** A parameter as pg sends it, as text to look for stand-ins in: a string as it is, an array or object as JSON; else undefined. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return undefined;
  return JSON.stringify(value);
}

/** Whether `value`, a parameter as pg sends it (a string, an array's element, a JSON object), holds a number drawn at commit. */
export function carriesDrawnNumber(value: unknown): boolean {
  return textOf(value)?.includes(MARK) ?? false;
}

/** Each transaction's stand-ins are its own: this process's salt (no text merely looks like one) and a count. */
const SALT = randomBytes(4).toString('hex');
let transactionsHolding = 0;
/**
 * Any stand-in of this process: the transaction's count, the draw's index. Compiled once: a regular
 * expression made per transaction cost more to compile on its first use than the rest of the work here.
 */
const STAND_IN = new RegExp(`${MARK}${SALT}\\.([0-9a-z]+):(\\d+)#`, 'g');
/** `$n` (not `$n0`), with its cast when it has one: one per placeholder number, compiled once. */
const placeholders: RegExp[] = [];
const placeholder = (n: number) => (placeholders[n] ??= new RegExp(`\\$${n}(?!\\d)(::)?`, 'g'));

/**
 * The numbers one transaction draws at its flush (`numberAtCommit`). A gapless series has one counter row,
 * which a draw locks until the COMMIT: drawn in the middle of a command, every other document of the
 * series waited for the rest of that command's round trips and its turns on a busy event loop (under
 * load, 10–20 ms a draw). Here a draw is a stand-in (`#docno:…#`) that the command uses like the number:
 * in its rows, events, audit lines and answer. The draw goes in the COMMIT's write, at the head of the
 * held rows, or sooner, ahead of the first statement sent with the stand-in (deferred-appends.ts); it keeps
 * the number in a setting of the transaction, and every statement after it whose parameters carry the
 * stand-in has it replaced there, in Postgres (`fill`). Once the transaction has committed, `replaceIn`
 * puts the numbers into what stays in memory (the answer, the events, the rows it wrote).
 */
export class HeldNumbers {
  private readonly id = (transactionsHolding = (transactionsHolding + 1) % Number.MAX_SAFE_INTEGER).toString(36);
  private readonly prefix = `${MARK}${SALT}.${this.id}:`;
  private readonly draws: HeldDraw[] = [];

  hold(series: string, year: number): string {
    const index = this.draws.length;
    const stand = `${this.prefix}${index}#`;
    this.draws.push({ stand, series, year, setting: `ops.drawn_number_${index}`, sent: false });
    return stand;
  }

  /** Whether a held number waits for the next write. */
  get unsent(): boolean {
    return this.draws.some((draw) => !draw.sent);
  }

  /** Whether a statement with `params` carries the stand-in of a number not drawn yet: its draw must go ahead of it. */
  needed(params: readonly unknown[] | undefined): boolean {
    if (!params || !this.unsent) return false;
    return params.some((value) => {
      const text = textOf(value);
      return !!text?.includes(this.prefix) && this.draws.some((draw) => !draw.sent && text.includes(draw.stand));
    });
  }

  /** The statements that draw the numbers not sent yet (which then count as sent), in the order they were held. */
  take(): DrawStatement[] {
    return this.draws.filter((draw) => !draw.sent).map((draw) => {
      draw.sent = true;
      return { sql: DRAW_SQL, params: [draw.series, draw.year, draw.setting], answered: (rows) => (draw.value = rows[0]?.number) };
    });
  }

  /** A rollback: the numbers not sent are never drawn. */
  drop(): void {
    for (let i = this.draws.length - 1; i >= 0 && !this.draws[i].sent; i--) this.draws.pop();
  }

  /**
   * `sql` and `params` with every parameter that carries a stand-in filled in Postgres, from the settings
   * the draws set: `$3::jsonb` becomes `replace($3::text, $9::text, current_setting('ops.drawn_number_0'))::jsonb`,
   * the stand-in itself a parameter added after the others (so the text, and its prepared statement, is
   * the same for every transaction). The statement must name such a parameter's type (`$3::jsonb`,
   * `$5::text[]`): a bare `$3` would take its type from where it stands, which text cannot be made to fit.
   */
  fill(sql: string, params: readonly unknown[] | undefined): { sql: string; params: unknown[] | undefined } {
    if (!params || this.draws.length === 0) return { sql, params: params as unknown[] | undefined };
    let filledParams: unknown[] | undefined;
    const placeOf = new Map<HeldDraw, string>();
    let filled = sql;
    params.forEach((value, i) => {
      // Each parameter made text once: a flush's rows are one long JSON text.
      const text = textOf(value);
      if (!text?.includes(this.prefix)) return;
      const added = (filledParams ??= [...params]);
      const carried = this.draws.filter((draw) => text.includes(draw.stand));
      // Never silently empty: a setting not set in this transaction reads as '' where an earlier one had set it.
      const undrawn = carried.find((draw) => !draw.sent);
      if (undrawn) throw new Error(`The number of ${undrawn.series} drawn at commit is used before its draw was sent: ${sql.slice(0, 120)}`);
      for (const draw of carried) if (!placeOf.has(draw)) placeOf.set(draw, `$${added.push(draw.stand)}::text`);
      filled = filled.replace(placeholder(i + 1), (_, cast: string | undefined) => {
        if (!cast) throw new Error(`Parameter $${i + 1} carries a document number drawn at commit, but the statement does not name its type ($${i + 1}::type): ${sql.slice(0, 120)}`);
        return `${carried.reduce((expr, draw) => `replace(${expr}, ${placeOf.get(draw)}, current_setting('${draw.setting}'))`, `$${i + 1}::text`)}::`;
      });
    });
    return filledParams ? { sql: filled, params: filledParams } : { sql, params: params as unknown[] };
  }

  /**
   * `value` with the stand-ins replaced by the numbers drawn: a string is returned anew, arrays and objects
   * are changed in place. Only after the draws were answered (the transaction has committed).
   */
  replaceIn<T>(value: T, seen = new Set<object>()): T {
    if (typeof value === 'string') {
      if (!value.includes(this.prefix)) return value;
      return value.replace(STAND_IN, (stand, id: string, index: string) => (id === this.id && this.draws[Number(index)]?.value) || stand) as T;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value) || seen.has(value)) return value;
    seen.add(value);
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const replaced = this.replaceIn(object[key], seen);
      if (replaced !== object[key]) object[key] = replaced;
    }
    return value;
  }
}
