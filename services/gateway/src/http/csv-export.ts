import { StreamableFile } from '@nestjs/common';
import type { Operation, Page, ServiceName } from '@ops/contracts';
import { Readable } from 'node:stream';
import type { AuthenticatedRequest } from './access.guard.js';
import type { ServiceBus } from './service-bus.js';

type Class = new () => unknown;

// Where @nestjs/swagger keeps what @ApiProperty declares (its DECORATORS constants, not exported by the package).
const DECORATORS = { API_MODEL_PROPERTIES: 'swagger/apiModelProperties', API_MODEL_PROPERTIES_ARRAY: 'swagger/apiModelPropertiesArray' } as const;
interface Column {
  header: string;
  read(row: Record<string, unknown>): unknown;
}

/** The largest page a list answers; an export walks every page at this size. */
const PAGE_SIZE = 200;
const BOM = '\uFEFF';
const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Date, Object, 'string', 'number', 'boolean', 'integer']);

/** Whether a request asks for the list as CSV (`Accept: text/csv`) rather than as pages of JSON. */
export function wantsCsv(req: AuthenticatedRequest): boolean {
  return /\btext\/csv\b/i.test(String(req.headers.accept ?? ''));
}

/**
 * The columns of a view class, from the same metadata that documents it in OpenAPI: one per property, a
 * nested object's properties one level down (`shipTo.name`), money in fen also as yuan with two decimals.
 */
export function columnsOf(item: Class): Column[] {
  const columns: Column[] = [];
  for (const key of propertiesOf(item)) {
    const meta = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, item.prototype as object, key) as { type?: unknown; isArray?: boolean } | undefined;
    const type = typeof meta?.type === 'function' && !PRIMITIVES.has(meta.type) ? (meta.type as () => unknown) : undefined;
    const nested = type && !meta?.isArray ? resolveClass(type) : undefined;
    if (nested) {
      for (const inner of propertiesOf(nested)) columns.push({ header: `${key}.${inner}`, read: (row) => (row[key] as Record<string, unknown> | null)?.[inner] });
    } else if (/Fen$/.test(key)) {
      columns.push({ header: `${key.replace(/Fen$/, '')} (CNY)`, read: (row) => (typeof row[key] === 'number' ? ((row[key] as number) / 100).toFixed(2) : row[key]) });
    } else {
      columns.push({ header: key, read: (row) => row[key] });
    }
  }
  return columns;
}

function propertiesOf(type: Class): string[] {
  return ((Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, type.prototype as object) as string[] | undefined) ?? []).map((p) => p.replace(/^:/, ''));
}

/** `type: () => Class` (a lazy reference) or the class itself. */
function resolveClass(type: () => unknown): Class | undefined {
  if (propertiesOf(type as unknown as Class).length) return type as unknown as Class;
  try {
    const resolved = (type as () => unknown)();
    return typeof resolved === 'function' && propertiesOf(resolved as Class).length ? (resolved as Class) : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole list as CSV, streamed while it is read: UTF-8 with a BOM (so Excel on Chinese Windows shows the
 * characters), the list's own filters, every page in turn until the last, so there is no row limit and nothing
 * is held in memory beyond one page. The service checks each page's read as it checks the JSON list.
 */
export function csvExport(bus: ServiceBus, req: AuthenticatedRequest, op: Operation, item: Class, filters: Record<string, unknown>): StreamableFile {
  const columns = columnsOf(item);
  async function* lines(): AsyncGenerator<string> {
    yield `${BOM}${columns.map((c) => csvCell(c.header)).join(',')}\r\n`;
    for (let page = 1; ; page++) {
      const batch = await bus.call<Page<Record<string, unknown>>>(req, op.owner as ServiceName, op.name, { ...filters, page, pageSize: PAGE_SIZE });
      if (batch.items.length) yield batch.items.map((row) => `${columns.map((c) => csvCell(c.read(row))).join(',')}\r\n`).join('');
      if (batch.items.length < PAGE_SIZE) return;
    }
  }
  const day = new Date().toISOString().slice(0, 10);
  return new StreamableFile(Readable.from(lines()), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${op.owner}-${op.name}-${day}.csv"` });
}
