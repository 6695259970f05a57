import { Injectable } from '@nestjs/common';
import {
  DEFAULT_LOCATION, DEFAULT_WAREHOUSE, InventoryCatalog, pageWindow,
  type AdjustmentIdRequest, type CreateSampleLoanRequest, type CreateTransferRequest, type EnterCountsRequest, type IdRequest, type ListSampleLoansQuery,
  type ListStocktakesQuery, type ListTransfersQuery, type Page, type ProposeBetweenSkusRequest, type ReceiveTransferRequest, type ReturnSamplesRequest,
  type SampleLoanView, type StartStocktakeRequest, type StocktakeView, type TransferView, type VarianceReportView, type WriteOffSamplesRequest,
} from '@ops/contracts';
import { businessDate, businessYear, DomainError } from '@ops/kernel';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, type Acting, type CommandContext } from '@ops/service-kit';
import { In, LessThan, MoreThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { approveWriteOff, lendSamples, loanOverdue, ON_LOAN, outstanding, requestWriteOff, returnSamples, type LoanLot } from '../domain/sample-loan.js';
import { compare } from '../domain/stock-ledger.js';
import { approveAdjustment, countersOf, enterCounts, proposeBetweenSkus, reportOverdue, startStocktake, submitStocktake, variances } from '../domain/stocktake.js';
import { consentTransfer, dispatchTransfer, draftTransfer, receiveTransfer, splitArrival, TRANSIT, type TransferLot } from '../domain/transfer.js';
import { LocationEntity, SkuEntity, StockLotEntity, WarehouseEntity } from '../infra/persistence/inventory.entities.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';
import { SampleLoanEntity, StocktakeEntity, TransferEntity } from '../infra/persistence/warehouse-operations.entities.js';
import { SampleLoanStore, StocktakeStore, TransferStore } from '../infra/persistence/warehouse-operations.stores.js';
import { ReservationDesk } from './reservation-desk.js';

/** Who opens the monthly stocktakes (stocktake-schedule.ts). */
export const MONTHLY_STOCKTAKE_ACTOR = 'system:monthly-stocktake';

/** A warehouse goods may be moved between or lent from: one that exists and is sellable (not TRANSIT, ON_LOAN or QUARANTINE). */
async function sellableWarehouse(tx: EntityManager, code: string, field: string): Promise<WarehouseEntity> {
  const warehouse = await rowByKey(tx, WarehouseEntity, 'code', code, { lock: false });
  if (!warehouse || !warehouse.sellable) throw new DomainError('rule_violated', 'unknown-warehouse', `No sellable warehouse ${code}`, [{ field, message: `names no sellable warehouse (${code})` }]);
  return warehouse;
}

async function refuseUnknownSkus(tx: EntityManager, skus: string[], field: (i: number) => string): Promise<void> {
  const known = new Set((await tx.findBy(SkuEntity, { code: In([...new Set(skus)]) })).map((s) => s.code));
  const problems = skus.flatMap((sku, i) => (known.has(sku) ? [] : [{ field: field(i), message: `names no SKU (${sku})` }]));
  if (problems.length) throw new DomainError('rule_violated', 'unknown-sku', 'Some lines name a SKU that does not exist', problems);
}

/**
 * The lots `quantity` units of a SKU leave from: those named, else the oldest first. Read after the SKU's stock is
 * locked, so the figures hold until the ledger moves them; `taken` keeps what earlier lines of the same document took.
 */
async function takeFromLots(
  tx: EntityManager, want: { sku: string; warehouseCode: string; quantity: number; location?: string | null; batch?: string | null }, taken: Map<string, number>, field: string,
): Promise<TransferLot[]> {
  const where: FindOptionsWhere<StockLotEntity> = { skuCode: want.sku, warehouseCode: want.warehouseCode, onHand: MoreThan(0) };
  if (want.location) where.location = want.location;
  if (want.batch != null) where.batch = want.batch;
  const lots = await tx.find(StockLotEntity, { where, order: { since: 'ASC', batch: 'ASC', location: 'ASC' } });
  const out: TransferLot[] = [];
  let left = want.quantity;
  for (const lot of lots) {
    const key = `${lot.skuCode}\u0000${lot.location}\u0000${lot.batch}`;
    const n = Math.min(left, lot.onHand - (taken.get(key) ?? 0));
    if (n <= 0) continue;
    taken.set(key, (taken.get(key) ?? 0) + n);
    out.push({ location: lot.location, batch: lot.batch, quantity: n });
    left -= n;
    if (!left) break;
  }
  if (left > 0) throw new DomainError('rule_violated', 'lot-short', `${left} of ${want.sku} are not on hand in ${want.warehouseCode}${want.location ? `/${want.location}` : ''}`, [{ field, message: `${want.quantity - left} of ${want.sku} on hand there` }]);
  return out;
}

const sorted = (skus: Iterable<string>) => [...new Set(skus)].sort(compare);

/** Transfers between warehouses (domain/transfer.ts): every unit through the stock ledger, via TRANSIT. */
@Injectable()
export class TransferCommands {
  constructor(private readonly transfers: TransferStore, private readonly ledger: StockLedgerStore, private readonly desk: ReservationDesk) {}

  @Handles(InventoryCatalog.createTransfer)
  async createTransfer(request: CreateTransferRequest, { tx, actor, cause }: CommandContext): Promise<TransferView> {
    const from = await sellableWarehouse(tx, request.fromWarehouse, 'fromWarehouse');
    const to = await sellableWarehouse(tx, request.toWarehouse, 'toWarehouse');
    await refuseUnknownSkus(tx, request.lines.map((l) => l.sku), (i) => `lines[${i}].sku`);
    const step = draftTransfer({
      id: uuidv7(), number: await nextDocumentNumber(tx, 'TR', businessYear()), from: { code: from.code, kind: from.kind }, to: { code: to.code, kind: to.kind }, lines: request.lines, createdBy: actor.userId,
    });
    return transferView(await this.transfers.create(tx, step, { actor, cause }));
  }

  @Handles(InventoryCatalog.consentTransfer)
  async consent(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<TransferView> {
    return transferView((await this.transfers.change(tx, request.id, (t) => consentTransfer(t, actor.userId), { actor, cause })).row);
  }

  /** The goods leave their lots (named, or oldest first) for TRANSIT; only units no order holds leave a warehouse (the ledger's rule). */
  @Handles(InventoryCatalog.dispatchTransfer)
  async dispatch(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<TransferView> {
    const acting = { actor, cause };
    const row = await this.transfers.get(tx, request.id);
    // A transfer that may not be dispatched (no consent yet, dispatched already) is refused before any stock is read.
    dispatchTransfer(row, row.lines.map(() => []), actor.userId);
    await this.ledger.lock(tx, sorted(row.lines.map((l) => l.sku)));
    const taken = new Map<string, number>();
    const sent: TransferLot[][] = [];
    for (const [i, line] of row.lines.entries()) sent.push(await takeFromLots(tx, { ...line, warehouseCode: row.fromWarehouse }, taken, `lines[${i}].quantity`));
    const { row: dispatched } = await this.transfers.apply(tx, row, (t) => dispatchTransfer(t, sent, actor.userId), acting);
    for (const [i, line] of dispatched.lines.entries()) {
      for (const lot of sent[i]) {
        await this.ledger.transfer(tx, {
          sku: line.sku, quantity: lot.quantity, documentRef: row.number,
          from: { warehouseCode: row.fromWarehouse, location: lot.location, batch: lot.batch }, to: { warehouseCode: TRANSIT, location: TRANSIT, batch: lot.batch },
        }, acting);
      }
    }
    return transferView(dispatched);
  }

  /** Counted units go on from TRANSIT to the destination's STOCK (serving waiting backorders first); the rest is written off TRANSIT. */
  @Handles(InventoryCatalog.receiveTransfer)
  async receive(request: ReceiveTransferRequest, { tx, actor, cause }: CommandContext): Promise<TransferView> {
    const acting = { actor, cause };
    const { row } = await this.transfers.change(tx, request.id, (t) => receiveTransfer(t, request.lines, actor.userId), acting);
    // Every SKU of the transfer and of the backorders waiting for them, locked in one sweep before stock moves.
    const line = await this.desk.lineFor(tx, row.lines.map((l) => l.sku));
    for (const l of row.lines) {
      const { arrive, missing } = splitArrival(l.sent, l.receivedQuantity!);
      for (const lot of arrive) {
        await this.ledger.transfer(tx, {
          sku: l.sku, quantity: lot.quantity, documentRef: row.number,
          from: { warehouseCode: TRANSIT, location: TRANSIT, batch: lot.batch }, to: { warehouseCode: row.toWarehouse, location: DEFAULT_LOCATION, batch: lot.batch },
        }, acting);
      }
      for (const lot of missing) await this.ledger.adjust(tx, { sku: l.sku, warehouseCode: TRANSIT, location: TRANSIT, batch: lot.batch, quantity: -lot.quantity, documentRef: row.number }, acting);
    }
    await this.desk.serve(tx, line, acting);
    return transferView(row);
  }

  @Handles(InventoryCatalog.listTransfers)
  async list(query: ListTransfersQuery, { tx }: CommandContext): Promise<Page<TransferView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(TransferEntity, { where: query.status ? { status: query.status } : {}, order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(transferView), page, pageSize, total };
  }

  @Handles(InventoryCatalog.getTransfer)
  async get(request: IdRequest, { tx }: CommandContext): Promise<TransferView> {
    return transferView(await this.transfers.get(tx, request.id, { lock: false }));
  }
}

function transferView(t: TransferEntity): TransferView {
  return {
    id: t.id, number: t.number, fromWarehouse: t.fromWarehouse, toWarehouse: t.toWarehouse, status: t.status,
    lines: t.lines.map((l) => ({
      sku: l.sku, quantity: l.quantity, location: l.location, batch: l.batch, sent: l.sent.map((s) => ({ ...s, batch: s.batch || null })),
      receivedQuantity: l.receivedQuantity, difference: l.receivedQuantity === null ? null : l.receivedQuantity - l.quantity, differenceNote: l.differenceNote,
    })),
    createdBy: t.createdBy, createdAt: t.createdAt.toISOString(), consentedBy: t.consentedBy, dispatchedBy: t.dispatchedBy, dispatchedAt: t.dispatchedAt?.toISOString() ?? null,
    receivedBy: t.receivedBy, receivedAt: t.receivedAt?.toISOString() ?? null,
  };
}

/** Stocktakes (domain/stocktake.ts): blind count sheets, a variance report for managers, adjustments posted only once approved. */
@Injectable()
export class StocktakeCommands {
  constructor(private readonly stocktakes: StocktakeStore, private readonly ledger: StockLedgerStore) {}

  @Handles(InventoryCatalog.startStocktake)
  async start(request: StartStocktakeRequest, { tx, actor, cause }: CommandContext): Promise<StocktakeView> {
    return stocktakeView(await this.open(tx, request.warehouseCode, request.location ?? null, { actor, cause }), businessDate());
  }

  /** A stocktake of a warehouse (or one location of it), its sheets made from the lots there now. */
  async open(tx: EntityManager, warehouseCode: string, location: string | null, acting: Acting, today = businessDate()): Promise<StocktakeEntity> {
    if (!(await tx.existsBy(WarehouseEntity, { code: warehouseCode }))) throw new DomainError('rule_violated', 'unknown-warehouse', `No warehouse ${warehouseCode}`, [{ field: 'warehouseCode', message: 'names no warehouse' }]);
    const locations = (await tx.findBy(LocationEntity, { warehouseCode, ...(location ? { code: location } : {}) })).map((l) => l.code);
    if (!locations.length) throw new DomainError('rule_violated', 'unknown-location', `No location ${warehouseCode}/${location}`, [{ field: 'location', message: 'names no location of the warehouse' }]);
    const lots = await tx.findBy(StockLotEntity, { warehouseCode, ...(location ? { location } : {}) });
    const step = startStocktake({
      id: uuidv7(), number: await nextDocumentNumber(tx, 'ST', businessYear()), warehouseCode, location, openedOn: today, locations, startedBy: acting.actor.userId,
      lots: lots.map((l) => ({ sku: l.skuCode, location: l.location, batch: l.batch, onHand: l.onHand })),
    });
    return this.stocktakes.create(tx, step, acting);
  }

  @Handles(InventoryCatalog.listStocktakes)
  async list(query: ListStocktakesQuery, { tx }: CommandContext): Promise<Page<StocktakeView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    const where: FindOptionsWhere<StocktakeEntity> = {};
    if (query.status) where.status = query.status;
    if (query.warehouseCode) where.warehouseCode = query.warehouseCode;
    if (query.overdue === 'true') {
      where.status = 'counting';
      where.reportDueOn = LessThan(today);
    }
    const [rows, total] = await tx.findAndCount(StocktakeEntity, { where, order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((r) => stocktakeView(r, today)), page, pageSize, total };
  }

  @Handles(InventoryCatalog.getStocktake)
  async get(request: IdRequest, { tx }: CommandContext): Promise<StocktakeView> {
    return stocktakeView(await this.stocktakes.get(tx, request.id, { lock: false }), businessDate());
  }

  /** The ledger's figure of each lot counted is read as the count is entered: the variance is measured against it. */
  @Handles(InventoryCatalog.enterCounts)
  async enterCounts(request: EnterCountsRequest, { tx, actor, cause }: CommandContext): Promise<StocktakeView> {
    const row = await this.stocktakes.get(tx, request.id);
    await refuseUnknownSkus(tx, request.lines.map((l) => l.sku), (i) => `lines[${i}].sku`);
    const lots = await tx.findBy(StockLotEntity, { warehouseCode: row.warehouseCode, location: request.location, skuCode: In(request.lines.map((l) => l.sku)) });
    const bookOf = (sku: string, batch: string) => lots.find((l) => l.skuCode === sku && l.batch === batch)?.onHand ?? 0;
    const { row: counted } = await this.stocktakes.apply(tx, row, (s) => enterCounts(s, request.location, request.lines, bookOf, actor.userId), { actor, cause });
    return stocktakeView(counted, businessDate());
  }

  @Handles(InventoryCatalog.submitStocktake)
  async submit(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<StocktakeView> {
    const today = businessDate();
    return stocktakeView((await this.stocktakes.change(tx, request.id, (s) => submitStocktake(s, actor.userId, today), { actor, cause })).row, today);
  }

  @Handles(InventoryCatalog.getVarianceReport)
  async varianceReport(request: IdRequest, { tx }: CommandContext): Promise<VarianceReportView> {
    return varianceReportView(await this.stocktakes.get(tx, request.id, { lock: false }));
  }

  @Handles(InventoryCatalog.proposeBetweenSkus)
  async proposeBetweenSkus(request: ProposeBetweenSkusRequest, { tx, actor, cause }: CommandContext): Promise<VarianceReportView> {
    const { row } = await this.stocktakes.change(tx, request.id, (s) => proposeBetweenSkus(s, request, actor.userId, businessDate()), { actor, cause });
    return varianceReportView(row);
  }

  /** Fully approved, the adjustment's lines post through the ledger under the stocktake's number. */
  @Handles(InventoryCatalog.approveStocktakeAdjustment)
  async approve(request: AdjustmentIdRequest, { tx, actor, cause }: CommandContext): Promise<VarianceReportView> {
    const acting = { actor, cause };
    const { row, step } = await this.stocktakes.change(tx, request.id, (s) => approveAdjustment(s, request.no, actor), acting);
    await this.ledger.lock(tx, sorted(step.post.map((l) => l.sku)));
    for (const line of step.post) await this.ledger.adjust(tx, { ...line, warehouseCode: row.warehouseCode, documentRef: row.number }, acting);
    return varianceReportView(row);
  }
}

/** Blind: no book quantity and no variance, whoever reads it (those are in the variance report). */
function stocktakeView(s: StocktakeEntity, today: string): StocktakeView {
  return {
    id: s.id, number: s.number, warehouseCode: s.warehouseCode, location: s.location, status: s.status, openedOn: s.openedOn, reportDueOn: s.reportDueOn,
    overdue: reportOverdue(s, today), startedBy: s.startedBy, submittedAt: s.submittedAt?.toISOString() ?? null,
    sheets: s.sheets.map((sheet) => ({
      location: sheet.location,
      lines: sheet.lines.map((l) => ({ sku: l.sku, batch: l.batch || null, countedQuantity: l.countedQuantity, countedBy: l.countedBy, found: l.found })),
    })),
  };
}

function varianceReportView(s: StocktakeEntity): VarianceReportView {
  return {
    id: s.id, number: s.number, warehouseCode: s.warehouseCode, status: s.status, counters: countersOf(s),
    lines: variances(s).map((v) => ({ ...v, batch: v.batch || null })),
    adjustments: s.adjustments.map((a) => ({ ...a, lines: a.lines.map((l) => ({ ...l, batch: l.batch || null })) })),
  };
}

/** Sample loans (domain/sample-loan.ts): out to ON_LOAN and back through the ledger; what never comes back is written off with approval. */
@Injectable()
export class SampleLoanCommands {
  constructor(private readonly loans: SampleLoanStore, private readonly ledger: StockLedgerStore, private readonly desk: ReservationDesk) {}

  @Handles(InventoryCatalog.lendSamples)
  async lend(request: CreateSampleLoanRequest, { tx, actor, cause }: CommandContext): Promise<SampleLoanView> {
    const acting = { actor, cause };
    const lines = request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, warehouseCode: l.warehouseCode ?? DEFAULT_WAREHOUSE }));
    for (const [i, l] of lines.entries()) await sellableWarehouse(tx, l.warehouseCode, `lines[${i}].warehouseCode`);
    await refuseUnknownSkus(tx, lines.map((l) => l.sku), (i) => `lines[${i}].sku`);
    await this.ledger.lock(tx, sorted(lines.map((l) => l.sku)));
    const taken = new Map<string, number>();
    const lent: LoanLot[][] = [];
    for (const [i, l] of lines.entries()) lent.push(await takeFromLots(tx, l, taken, `lines[${i}].quantity`));
    const number = await nextDocumentNumber(tx, 'SL', businessYear());
    const step = lendSamples({
      id: uuidv7(), number, borrower: { ...request.borrower }, expectedReturnDate: request.expectedReturnDate, lentBy: actor.userId,
      lines: lines.map((l, i) => ({ ...l, lent: lent[i], returnedQuantity: 0, writtenOffQuantity: 0 })),
    }, businessDate());
    const row = await this.loans.create(tx, step, acting);
    for (const l of row.lines) {
      for (const lot of l.lent) {
        await this.ledger.transfer(tx, {
          sku: l.sku, quantity: lot.quantity, documentRef: number,
          from: { warehouseCode: l.warehouseCode, location: lot.location, batch: lot.batch }, to: { warehouseCode: ON_LOAN, location: ON_LOAN, batch: lot.batch },
        }, acting);
      }
    }
    return loanView(row, businessDate());
  }

  /** Samples back into their warehouse's STOCK, serving waiting backorders first. */
  @Handles(InventoryCatalog.returnSamples)
  async takeBack(request: ReturnSamplesRequest, { tx, actor, cause }: CommandContext): Promise<SampleLoanView> {
    const acting = { actor, cause };
    const { row, step } = await this.loans.change(tx, request.id, (l) => returnSamples(l, request.lines, actor.userId), acting);
    const line = await this.desk.lineFor(tx, step.back.map((b) => b.line.sku));
    for (const { line: l, lots } of step.back) {
      for (const lot of lots) {
        await this.ledger.transfer(tx, {
          sku: l.sku, quantity: lot.quantity, documentRef: row.number,
          from: { warehouseCode: ON_LOAN, location: ON_LOAN, batch: lot.batch }, to: { warehouseCode: l.warehouseCode, location: DEFAULT_LOCATION, batch: lot.batch },
        }, acting);
      }
    }
    await this.desk.serve(tx, line, acting);
    return loanView(row, businessDate());
  }

  @Handles(InventoryCatalog.requestSampleWriteOff)
  async requestWriteOff(request: WriteOffSamplesRequest, { tx, actor, cause }: CommandContext): Promise<SampleLoanView> {
    return loanView((await this.loans.change(tx, request.id, (l) => requestWriteOff(l, request.reason, actor.userId), { actor, cause })).row, businessDate());
  }

  /** What is still out leaves ON_LOAN as adjustments under the loan's number. */
  @Handles(InventoryCatalog.approveSampleWriteOff)
  async approveWriteOff(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<SampleLoanView> {
    const acting = { actor, cause };
    const { row, step } = await this.loans.change(tx, request.id, (l) => approveWriteOff(l, actor.userId), acting);
    await this.ledger.lock(tx, sorted(step.off.map((o) => o.line.sku)));
    for (const { line, lots } of step.off) {
      for (const lot of lots) await this.ledger.adjust(tx, { sku: line.sku, warehouseCode: ON_LOAN, location: ON_LOAN, batch: lot.batch, quantity: -lot.quantity, documentRef: row.number }, acting);
    }
    return loanView(row, businessDate());
  }

  @Handles(InventoryCatalog.listSampleLoans)
  async list(query: ListSampleLoansQuery, { tx }: CommandContext): Promise<Page<SampleLoanView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    const where: FindOptionsWhere<SampleLoanEntity> = {};
    if (query.status) where.status = query.status;
    if (query.overdue === 'true') {
      where.status = 'out';
      where.expectedReturnDate = LessThan(today);
    }
    const [rows, total] = await tx.findAndCount(SampleLoanEntity, { where, order: { expectedReturnDate: 'ASC', id: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map((r) => loanView(r, today)), page, pageSize, total };
  }
}

function loanView(l: SampleLoanEntity, today: string): SampleLoanView {
  return {
    id: l.id, number: l.number, borrower: l.borrower, status: l.status, expectedReturnDate: l.expectedReturnDate, overdue: loanOverdue(l, today),
    lines: l.lines.map((x) => ({ sku: x.sku, warehouseCode: x.warehouseCode, quantity: x.quantity, returnedQuantity: x.returnedQuantity, writtenOffQuantity: x.writtenOffQuantity, outstanding: outstanding(x) })),
    lentBy: l.lentBy, lentAt: l.lentAt.toISOString(), writeOffReason: l.writeOffReason, writeOffRequestedBy: l.writeOffRequestedBy, writeOffApprovedBy: l.writeOffApprovedBy,
  };
}

