import { Injectable } from '@nestjs/common';
import {
  InventoryCatalog, OutletWasteApproved, pageWindow, ReplenishmentRequested, TillTicketPaid, TillTicketVoided,
  type EventEnvelope, type ListReplenishmentRequestsQuery, type ListTillShortfallsQuery, type OutletWasteApprovedData, type Page, type ReplenishmentRequestedData,
  type ReplenishmentRequestView, type TillShortfallView, type TillTicketPaidData, type TillTicketVoidedData,
} from '@ops/contracts';
import { businessYear, DomainError } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, OnEvent, type Acting, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ledgerLines, planOutletIssue, raiseReplenishment, replenishmentProblems, voidReturn, type IssuedLot, type OutletLine } from '../domain/outlet-stock.js';
import { compare } from '../domain/stock-ledger.js';
import type { WarehouseKind } from '../domain/transfer.js';
import { WarehouseEntity } from '../infra/persistence/inventory.entities.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';
import { TransferStore } from '../infra/persistence/warehouse-operations.stores.js';
import { ReservationDesk } from './reservation-desk.js';

const actingOf = (event: EventEnvelope<unknown>): Acting => ({ actor: event.actor, cause: causedBy(event) });
const sorted = (skus: Iterable<string>) => [...new Set(skus)].sort(compare);

interface OutletDocument {
  kind: 'till_sale' | 'waste';
  documentId: string;
  number: string;
  outletCode: string;
  warehouseCode: string;
  businessDate: string;
  lines: OutletLine[];
}

/**
 * What inventory does with the outlets' events (libs/contracts sales/outlet-events.ts; rules in domain/outlet-stock.ts):
 * issues a paid till ticket and approved waste from the outlet's warehouse, never refusing (what the ledger lacks is a
 * till shortfall), takes a voided ticket's goods back, and answers a replenishment request with a draft transfer.
 * Each document is applied once, however often and under whatever event id it arrives (`outlet_stock_documents`,
 * `replenishment_requests`), besides the inbox.
 */
@Injectable()
export class OutletStockReactions {
  constructor(private readonly ledger: StockLedgerStore, private readonly desk: ReservationDesk, private readonly transfers: TransferStore) {}

  @OnEvent(TillTicketPaid, 'issue-till-sale')
  async onTicketPaid(event: EventEnvelope<TillTicketPaidData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.issueAtOutlet(tx, {
      kind: 'till_sale', documentId: d.ticketId, number: d.number, outletCode: d.outletCode, warehouseCode: d.warehouseCode, businessDate: d.businessDate, lines: d.lines,
    }, actingOf(event));
  }

  @OnEvent(OutletWasteApproved, 'issue-outlet-waste')
  async onWasteApproved(event: EventEnvelope<OutletWasteApprovedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.issueAtOutlet(tx, {
      kind: 'waste', documentId: d.wasteId, number: d.number, outletCode: d.outletCode, warehouseCode: d.warehouseCode, businessDate: d.businessDate, lines: d.lines,
    }, actingOf(event));
  }

  /**
   * A voided ticket's goods back into the lots its sale took them from (waiting backorders served first). A void heard
   * before its sale (the two come through separate consumers) waits: it is retried until the sale has been issued.
   */
  @OnEvent(TillTicketVoided, 'return-till-void')
  async onTicketVoided(event: EventEnvelope<TillTicketVoidedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const [sale]: Array<{ issued: IssuedLot[] }> = await tx.query(`SELECT issued FROM outlet_stock_documents WHERE document_id = $1 AND kind = 'till_sale'`, [d.ticketId]);
    if (!sale) throw new DomainError('conflict', 'till-sale-not-issued', `Ticket ${d.number} was voided before inventory issued its sale: retried until it has`);
    if (!(await this.claim(tx, { kind: 'till_void', documentId: d.ticketId, number: d.number, outletCode: d.outletCode, warehouseCode: d.warehouseCode, businessDate: d.businessDate }))) return;
    const back = voidReturn(sale.issued);
    await tx.query(`UPDATE outlet_stock_documents SET issued = $2 WHERE document_id = $1 AND kind = 'till_void'`, [d.ticketId, JSON.stringify(sale.issued)]);
    await tx.query(`UPDATE till_shortfalls SET ticket_voided_at = now() WHERE document_kind = 'till_sale' AND document_id = $1`, [d.ticketId]);
    if (!back.length) return;
    const acting = actingOf(event);
    const line = await this.desk.lineFor(tx, back.map((l) => l.sku));
    // One receipt per warehouse (a ticket's goods all left one warehouse).
    await this.ledger.receive(tx, { warehouseCode: back[0].warehouseCode, documentRef: d.number, kind: 'till_void', lines: back }, acting);
    await this.desk.serve(tx, line, acting);
  }

  /** The draft transfer a replenishment request asks for, or the request kept with why it could not be raised. */
  @OnEvent(ReplenishmentRequested, 'raise-replenishment-transfer')
  async onReplenishmentRequested(event: EventEnvelope<ReplenishmentRequestedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`replenishment:${d.requestId}`]);
    if ((await tx.query(`SELECT 1 FROM replenishment_requests WHERE request_id = $1`, [d.requestId])).length) return;
    const warehouses = await tx.findBy(WarehouseEntity, [{ code: d.fromWarehouseCode }, { code: d.toWarehouseCode }]);
    const place = (code: string) => {
      const w = warehouses.find((x) => x.code === code);
      return w ? { code: w.code, kind: w.kind as WarehouseKind, sellable: w.sellable } : null;
    };
    const facts = { from: place(d.fromWarehouseCode), to: place(d.toWarehouseCode), knownSkus: await this.knownSkus(tx, d.lines.map((l) => l.sku)) };
    const problems = replenishmentProblems(d, facts);
    let transfer: { id: string; number: string } | null = null;
    if (!problems.length) {
      const step = raiseReplenishment(d, {
        id: uuidv7(), number: await nextDocumentNumber(tx, 'TR', businessYear()), from: { code: facts.from!.code, kind: facts.from!.kind }, to: { code: facts.to!.code, kind: facts.to!.kind },
        createdBy: d.requestedBy,
      });
      transfer = await this.transfers.create(tx, step, actingOf(event));
    }
    await tx.query(
      `INSERT INTO replenishment_requests (request_id, number, outlet_code, from_warehouse_code, to_warehouse_code, lines, requested_by, note, transfer_id, transfer_number, problem)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [d.requestId, d.number, d.outletCode, d.fromWarehouseCode, d.toWarehouseCode, JSON.stringify(d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }))), d.requestedBy, d.note ?? null,
        transfer?.id ?? null, transfer?.number ?? null, problems.length ? problems.join('; ') : null],
    );
  }

  @Handles(InventoryCatalog.listTillShortfalls)
  async listTillShortfalls(query: ListTillShortfallsQuery, { tx }: CommandContext): Promise<Page<TillShortfallView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const filters: string[] = [];
    const params: unknown[] = [];
    if (query.warehouseCode) filters.push(`warehouse_code = $${params.push(query.warehouseCode)}`);
    if (query.outletCode) filters.push(`outlet_code = $${params.push(query.outletCode)}`);
    const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM till_shortfalls ${where}`, params);
    const rows: Array<Record<string, any>> = await tx.query(
      `SELECT id, document_kind, document_id, document_number, outlet_code, warehouse_code, to_char(business_date, 'YYYY-MM-DD') AS business_date, line_no, sku, quantity, reason,
              ticket_voided_at, recorded_at
         FROM till_shortfalls ${where} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        id: Number(r.id), documentKind: r.document_kind, documentId: r.document_id, documentNumber: r.document_number, outletCode: r.outlet_code, warehouseCode: r.warehouse_code,
        businessDate: r.business_date, lineNo: r.line_no, sku: r.sku, quantity: r.quantity, reason: r.reason,
        ticketVoidedAt: r.ticket_voided_at ? new Date(r.ticket_voided_at).toISOString() : null, recordedAt: new Date(r.recorded_at).toISOString(),
      })),
      page, pageSize, total,
    };
  }

  @Handles(InventoryCatalog.listReplenishmentRequests)
  async listReplenishmentRequests(query: ListReplenishmentRequestsQuery, { tx }: CommandContext): Promise<Page<ReplenishmentRequestView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where = query.unanswered === 'true' ? 'WHERE transfer_id IS NULL' : '';
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM replenishment_requests ${where}`);
    const rows: Array<Record<string, any>> = await tx.query(`SELECT * FROM replenishment_requests ${where} ORDER BY received_at DESC, request_id DESC LIMIT ${pageSize} OFFSET ${offset}`);
    return {
      items: rows.map((r) => ({
        requestId: r.request_id, number: r.number, outletCode: r.outlet_code, fromWarehouseCode: r.from_warehouse_code, toWarehouseCode: r.to_warehouse_code, lines: r.lines,
        requestedBy: r.requested_by, transferId: r.transfer_id, transferNumber: r.transfer_number, problem: r.problem, receivedAt: new Date(r.received_at).toISOString(),
      })),
      page, pageSize, total,
    };
  }

  /**
   * Goods that left an outlet's counter leave its warehouse in the ledger: what is there and free of orders, oldest
   * lots first; the rest is recorded as the document's till shortfall. Never refused.
   */
  private async issueAtOutlet(tx: EntityManager, doc: OutletDocument, acting: Acting): Promise<void> {
    if (!(await this.claim(tx, doc))) return;
    const skus = sorted(doc.lines.map((l) => l.sku));
    await this.ledger.lock(tx, skus);
    const warehouse = await rowByKey(tx, WarehouseEntity, 'code', doc.warehouseCode, { lock: false });
    const levels: Array<{ sku_code: string; on_hand: number; reserved: number }> = await tx.query(
      `SELECT sku_code, on_hand, reserved FROM stock_levels WHERE warehouse_code = $1 AND sku_code = ANY($2::text[])`, [doc.warehouseCode, skus],
    );
    const lots: Array<{ sku_code: string; location: string; batch: string; on_hand: number }> = await tx.query(
      `SELECT sku_code, location, batch, on_hand FROM stock_lots WHERE warehouse_code = $1 AND sku_code = ANY($2::text[]) AND on_hand > 0 ORDER BY since, batch, location`,
      [doc.warehouseCode, skus],
    );
    const plan = planOutletIssue({
      warehouse: warehouse ? { code: warehouse.code, kind: warehouse.kind } : null,
      knownSkus: await this.knownSkus(tx, skus),
      free: new Map(levels.map((l) => [l.sku_code, l.on_hand - l.reserved])),
      lots: lots.map((l) => ({ sku: l.sku_code, location: l.location, batch: l.batch, onHand: l.on_hand })),
    }, doc.lines);
    if (plan.issued.length) {
      await this.ledger.issue(tx, { documentRef: doc.number, kind: doc.kind, lines: ledgerLines(plan.issued), source: `${doc.kind === 'waste' ? 'Waste' : 'Till ticket'} ${doc.number}` }, acting);
    }
    await tx.query(`UPDATE outlet_stock_documents SET issued = $3 WHERE document_id = $1 AND kind = $2`, [doc.documentId, doc.kind, JSON.stringify(plan.issued)]);
    if (plan.shortfalls.length) {
      const s = plan.shortfalls;
      await tx.query(
        `INSERT INTO till_shortfalls (document_kind, document_id, document_number, outlet_code, warehouse_code, business_date, line_no, sku, quantity, reason)
         SELECT $1, $2, $3, $4, $5, $6, * FROM unnest($7::int[], $8::text[], $9::int[], $10::text[])`,
        [doc.kind, doc.documentId, doc.number, doc.outletCode, doc.warehouseCode, doc.businessDate, s.map((x) => x.lineNo), s.map((x) => x.sku), s.map((x) => x.quantity), s.map((x) => x.reason)],
      );
    }
  }

  /** Marks a document applied; false when it was already (a redelivery, or the same document under another event id). */
  private async claim(tx: EntityManager, doc: Omit<OutletDocument, 'lines' | 'kind'> & { kind: 'till_sale' | 'till_void' | 'waste' }): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO outlet_stock_documents (document_id, kind, number, outlet_code, warehouse_code, business_date) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (document_id, kind) DO NOTHING RETURNING document_id`,
      [doc.documentId, doc.kind, doc.number, doc.outletCode, doc.warehouseCode, doc.businessDate],
    );
    return rows.length > 0;
  }

  private async knownSkus(tx: EntityManager, skus: string[]): Promise<Set<string>> {
    const rows: Array<{ code: string }> = await tx.query(`SELECT code FROM skus WHERE code = ANY($1::text[])`, [[...new Set(skus)]]);
    return new Set(rows.map((r) => r.code));
  }
}
