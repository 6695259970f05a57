import { Injectable } from '@nestjs/common';
import {
  DEFAULT_WAREHOUSE, InventoryCatalog, pageWindow, QUARANTINE_WAREHOUSE,
  type CancelPurchaseReturnRequest, type CreatePurchaseReturnRequest, type IdRequest, type ListPurchaseReturnsQuery, type Page, type PurchaseReturnView,
} from '@ops/contracts';
import { businessYear, DomainError, type FieldError } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  approvePurchaseReturn, cancelPurchaseReturn, draftPurchaseReturn, lotsToReturn, returnedKey, shipPurchaseReturn,
  type PurchaseReturnLine, type ReceivedLine, type ReturnableReceipt,
} from '../domain/purchase-return.js';
import type { LotFigures } from '../domain/stock-ledger.js';
import { PurchaseReturnEntity } from '../infra/persistence/purchase-returns.entities.js';
import { PurchaseReturnStore } from '../infra/persistence/purchase-returns.stores.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';

/**
 * Purchase returns (domain/purchase-return.ts): drafted by purchasing, approved by another purchasing manager,
 * shipped by a keeper — the goods leave through the stock ledger as `purchase_return` movements and finance
 * hears `inventory.purchase-return.shipped` to lower the supplier's payable.
 */
@Injectable()
export class PurchaseReturnCommands {
  constructor(private readonly returns: PurchaseReturnStore, private readonly ledger: StockLedgerStore) {}

  @Handles(InventoryCatalog.createPurchaseReturn)
  async create(request: CreatePurchaseReturnRequest, { tx, actor, cause }: CommandContext): Promise<PurchaseReturnView> {
    const receipt = request.receiptId ? await this.receipt(tx, request.receiptId) : undefined;
    const supplierId = request.supplierId ?? receipt?.supplierId ?? undefined;
    if (supplierId && !(await tx.query(`SELECT 1 FROM suppliers WHERE id = $1`, [supplierId])).length) {
      throw new DomainError('rule_violated', 'unknown-supplier', `No supplier ${supplierId}`, [{ field: 'supplierId', message: 'names no supplier' }]);
    }
    const step = draftPurchaseReturn({
      id: uuidv7(), number: await nextDocumentNumber(tx, 'PRN', businessYear()), reason: request.reason, createdBy: actor.userId, lines: request.lines,
      supplierId: request.supplierId, receipt, returnedBefore: receipt ? await this.returnedBefore(tx, receipt) : undefined,
      defaultWarehouse: DEFAULT_WAREHOUSE, quarantineWarehouse: QUARANTINE_WAREHOUSE,
    });
    await this.refuseUnknown(tx, step.state.lines);
    // A draft that could not ship now is refused early; shipping checks again under the stock lock.
    const { lots, free } = await this.stockOf(tx, step.state.lines);
    lotsToReturn(step.state.lines, lots, free);
    return purchaseReturnView(await this.returns.create(tx, step, { actor, cause }));
  }

  @Handles(InventoryCatalog.approvePurchaseReturn)
  async approve(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<PurchaseReturnView> {
    const { row } = await this.returns.change(tx, request.id, (r) => approvePurchaseReturn(r, actor.userId), { actor, cause });
    return purchaseReturnView(row);
  }

  /** The return (a document) is locked first, then its SKUs' stock, as every ledger writer does; the lots are chosen under that lock. */
  @Handles(InventoryCatalog.shipPurchaseReturn)
  async ship(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<PurchaseReturnView> {
    const acting = { actor, cause };
    const document = await this.returns.get(tx, request.id);
    await this.ledger.lock(tx, document.lines.map((l) => l.sku));
    const { lots, free } = await this.stockOf(tx, document.lines);
    const taken = document.status === 'approved' ? lotsToReturn(document.lines, lots, free) : [];
    const { row } = await this.returns.apply(tx, document, (r) => shipPurchaseReturn(r, taken, actor.userId), acting);
    await this.ledger.issue(tx, { documentRef: row.number, kind: 'purchase_return', lines: taken.flat(), source: `Purchase return ${row.number}` }, acting);
    return purchaseReturnView(row);
  }

  @Handles(InventoryCatalog.cancelPurchaseReturn)
  async cancel(request: CancelPurchaseReturnRequest, { tx, actor, cause }: CommandContext): Promise<PurchaseReturnView> {
    const { row } = await this.returns.change(tx, request.id, (r) => cancelPurchaseReturn(r, actor.userId, request.reason), { actor, cause });
    return purchaseReturnView(row);
  }

  @Handles(InventoryCatalog.listPurchaseReturns)
  async list(query: ListPurchaseReturnsQuery, { tx }: CommandContext): Promise<Page<PurchaseReturnView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<PurchaseReturnEntity> = {};
    if (query.status) where.status = query.status;
    if (query.supplierId) where.supplierId = query.supplierId;
    if (query.receiptId) where.receiptId = query.receiptId;
    const [rows, total] = await tx.findAndCount(PurchaseReturnEntity, { where, order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(purchaseReturnView), page, pageSize, total };
  }

  @Handles(InventoryCatalog.getPurchaseReturn)
  async get(request: IdRequest, { tx }: CommandContext): Promise<PurchaseReturnView> {
    return purchaseReturnView(await this.returns.get(tx, request.id, { lock: false }));
  }

  /**
   * The receipt as a return sees it. Its row is locked (it was audited, so nothing else writes it): two returns
   * drafted against one receipt at once queue here, and the second counts what the first takes back.
   */
  private async receipt(tx: EntityManager, id: string): Promise<ReturnableReceipt> {
    const [row]: Array<{ id: string; number: string; supplier_id: string | null; warehouse_code: string; status: string; lines: Array<Record<string, unknown>> }> = await tx.query(
      `SELECT id, number, supplier_id, warehouse_code, status, lines FROM stock_receipts WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    if (!row) throw new DomainError('not_found', 'receipt-not-found', `No goods receipt ${id}`, [{ field: 'receiptId', message: 'names no goods receipt' }]);
    const lines: ReceivedLine[] = row.lines.map((l, i) => ({
      lineNo: i + 1, sku: String(l.sku), quantity: Number(l.quantity), rejectedQuantity: Number(l.rejectedQuantity ?? 0), unitPriceFen: l.unitPriceFen == null ? null : Number(l.unitPriceFen),
      location: String(l.location ?? ''), batch: String(l.batch ?? ''),
    }));
    return { id: row.id, number: row.number, supplierId: row.supplier_id, warehouseCode: row.warehouse_code, audited: row.status === 'audited', lines };
  }

  /** Per receipt line and place (its warehouse, or quarantine for rejected goods), what returns against the receipt that are not cancelled take back. */
  private async returnedBefore(tx: EntityManager, receipt: ReturnableReceipt): Promise<Map<string, number>> {
    const rows: Array<{ line_no: number; warehouse_code: string; quantity: string }> = await tx.query(
      `SELECT (l->>'receiptLineNo')::int AS line_no, l->>'warehouseCode' AS warehouse_code, sum((l->>'quantity')::int) AS quantity
         FROM purchase_returns r CROSS JOIN LATERAL jsonb_array_elements(r.lines) AS l
        WHERE r.receipt_id = $1 AND r.status <> 'cancelled' AND l->>'receiptLineNo' IS NOT NULL
        GROUP BY 1, 2`,
      [receipt.id],
    );
    const before = new Map<string, number>();
    for (const r of rows) {
      const key = returnedKey(r.line_no, r.warehouse_code === QUARANTINE_WAREHOUSE && receipt.warehouseCode !== QUARANTINE_WAREHOUSE);
      before.set(key, (before.get(key) ?? 0) + Number(r.quantity));
    }
    return before;
  }

  private async refuseUnknown(tx: EntityManager, lines: readonly PurchaseReturnLine[]): Promise<void> {
    const skus: Array<{ code: string }> = await tx.query(`SELECT code FROM skus WHERE code = ANY($1::text[])`, [lines.map((l) => l.sku)]);
    const warehouses: Array<{ code: string }> = await tx.query(`SELECT code FROM warehouses WHERE code = ANY($1::text[])`, [lines.map((l) => l.warehouseCode)]);
    const problems: FieldError[] = lines.flatMap((l, i) => [
      ...(skus.some((s) => s.code === l.sku) ? [] : [{ field: `lines[${i}].sku`, message: `names no SKU (${l.sku})` }]),
      ...(warehouses.some((w) => w.code === l.warehouseCode) ? [] : [{ field: `lines[${i}].warehouseCode`, message: `names no warehouse (${l.warehouseCode})` }]),
    ]);
    if (problems.length) throw new DomainError('rule_violated', 'unknown-sku-or-warehouse', 'Some lines name a SKU or warehouse that does not exist', problems);
  }

  /** The lines' lots, oldest first (the order they go back in when none is named), and what is free per SKU and warehouse. */
  private async stockOf(tx: EntityManager, lines: readonly PurchaseReturnLine[]): Promise<{ lots: LotFigures[]; free: Map<string, number> }> {
    const skus = [...new Set(lines.map((l) => l.sku))];
    const lots: Array<{ sku_code: string; warehouse_code: string; location: string; batch: string; on_hand: number }> = await tx.query(
      `SELECT sku_code, warehouse_code, location, batch, on_hand FROM stock_lots WHERE sku_code = ANY($1::text[]) AND on_hand > 0
        ORDER BY since, location COLLATE "C", batch COLLATE "C"`,
      [skus],
    );
    const levels: Array<{ sku_code: string; warehouse_code: string; free: number }> = await tx.query(
      `SELECT sku_code, warehouse_code, on_hand - reserved AS free FROM stock_levels WHERE sku_code = ANY($1::text[])`,
      [skus],
    );
    return {
      lots: lots.map((l) => ({ sku: l.sku_code, warehouseCode: l.warehouse_code, location: l.location, batch: l.batch, onHand: l.on_hand })),
      free: new Map(levels.map((l) => [`${l.sku_code}\u0000${l.warehouse_code}`, l.free])),
    };
  }
}

export function purchaseReturnView(r: PurchaseReturnEntity): PurchaseReturnView {
  return {
    id: r.id, number: r.number, supplierId: r.supplierId, receiptId: r.receiptId, receiptNumber: r.receiptNumber, status: r.status, reason: r.reason,
    lines: r.lines.map((l) => ({
      lineNo: l.lineNo, sku: l.sku, warehouseCode: l.warehouseCode, location: l.location, batch: l.batch, quantity: l.quantity, unitPriceFen: l.unitPriceFen,
      amountFen: l.amountFen, receiptLineNo: l.receiptLineNo, lots: l.lots.map((x) => ({ warehouseCode: x.warehouseCode, location: x.location, batch: x.batch || null, quantity: x.quantity })),
    })),
    amountFen: r.amountFen, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(), approvedBy: r.approvedBy, approvedAt: r.approvedAt?.toISOString() ?? null,
    shippedBy: r.shippedBy, shippedAt: r.shippedAt?.toISOString() ?? null, cancelledBy: r.cancelledBy, cancelReason: r.cancelReason,
  };
}
