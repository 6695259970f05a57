import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_LOCATION, DEFAULT_WAREHOUSE, InventoryCatalog, pageWindow, ProductionCompleted, SkuSupplyChanged,
  type IdRequest, type LateStepsQuery, type LateStepView, type ListProductionOrdersQuery, type ListReferenceSamplesQuery, type ListSkuSuppliesQuery, type Page, type ProductionOrderView, type ProductionStepRequest,
  type PutSkuSupplyRequest, type QualityDecisionRequest, type ReceiveProductionOrderRequest, type ReferenceSampleRequest, type ReferenceSampleView, type ReleaseProductionOrderRequest,
  type SampleCheckRequest, type SkuCodeRequest, type SkuSupplyView,
} from '@ops/contracts';
import { businessDate, businessYear, DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { ChangeFeed, Handles, OUTBOX, type Acting, type CommandContext } from '@ops/service-kit';
import { In, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  allReceived, completeStep, decideStep, lateSteps, planMaterialIssue, receiveProductionOrder, recordSampleCheck, refuseReferenceSample, releaseProductionOrder, startStep, validSupply,
  type ProductionOrder,
} from '../domain/production-order.js';
import { compare } from '../domain/stock-ledger.js';
import { auditReceipt, ledgerLinesOf, receiptAudited, recordReceipt } from '../domain/stock-receipt.js';
import { LocationEntity, SkuEntity, WarehouseEntity } from '../infra/persistence/inventory.entities.js';
import { MaterialRequestEntity } from '../infra/persistence/material-requests.entities.js';
import { MadeToOrderOrderEntity, ProductionOrderEntity, ReferenceSampleEntity, SkuSupplyEntity } from '../infra/persistence/production.entities.js';
import { ProductionOrderStore } from '../infra/persistence/production.stores.js';
import { SupplierEntity } from '../infra/persistence/purchasing.entities.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';
import { StockReceiptStore } from '../infra/persistence/stores.js';
import { MaterialRequestDesk } from './material-requests.js';
import { pickGateChanged } from './outbound-checks.js';
import { ReservationDesk } from './reservation-desk.js';

/** Orders still to be made: where a step can be late. */
const IN_MAKING = ['planned', 'released', 'in_progress'] as const;

/**
 * Made-to-order production (domain.md, production; rules in domain/production-order.ts and quality-check.ts): the SKUs'
 * supply specs, production orders released in-house or to a factory, their steps with sample checks and the quality
 * manager's decisions, reference samples, and receiving the finished goods — which, for the last production order of a
 * customer order, reserves that whole order in the same transaction and tells finance (inventory.production.completed).
 * Production orders are issued by ProductionReactions when finance confirms the deposit.
 */
@Injectable()
export class ProductionCommands {
  constructor(
    private readonly orders: ProductionOrderStore,
    private readonly ledger: StockLedgerStore,
    private readonly desk: ReservationDesk,
    private readonly receipts: StockReceiptStore,
    private readonly materialRequests: MaterialRequestDesk,
    private readonly changes: ChangeFeed,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  @Handles(InventoryCatalog.putSkuSupply)
  async putSkuSupply(request: PutSkuSupplyRequest, { tx, actor, cause }: CommandContext): Promise<SkuSupplyView> {
    const { sku, ...spec } = request;
    if (!(await tx.existsBy(SkuEntity, { code: sku }))) throw new DomainError('not_found', 'sku-not-found', `No SKU ${sku}`);
    const known = new Set((await tx.findBy(SkuEntity, { code: In(spec.materials.map((m) => m.sku)) })).map((s) => s.code));
    const supply = validSupply(sku, spec, known);
    // One statement: two changes of one SKU queue on its row and get consecutive revisions, which sales orders by.
    const [row]: Array<{ revision: number; updated_at: Date }> = await tx.query(
      `INSERT INTO sku_supply (sku, made_to_order, lead_days, steps, materials, revision, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, now())
       ON CONFLICT (sku) DO UPDATE SET made_to_order = EXCLUDED.made_to_order, lead_days = EXCLUDED.lead_days, steps = EXCLUDED.steps, materials = EXCLUDED.materials,
         revision = sku_supply.revision + 1, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
       RETURNING revision, updated_at`,
      [sku, supply.madeToOrder, supply.leadDays, JSON.stringify(supply.steps), JSON.stringify(supply.materials), actor.userId],
    );
    await this.outbox.append(tx, SkuSupplyChanged, {
      aggregateId: sku, actor, cause, data: { sku, madeToOrder: supply.madeToOrder, leadDays: supply.madeToOrder ? supply.leadDays : 0, revision: row.revision },
    });
    return supplyView({ sku, ...supply, revision: row.revision, updatedBy: actor.userId, updatedAt: new Date(row.updated_at) });
  }

  @Handles(InventoryCatalog.getSkuSupply)
  async getSkuSupply(request: SkuCodeRequest, { tx }: CommandContext): Promise<SkuSupplyView> {
    const row = await rowByKey(tx, SkuSupplyEntity, 'sku', request.sku, { lock: false });
    if (row) return supplyView(row);
    if (!(await tx.existsBy(SkuEntity, { code: request.sku }))) throw new DomainError('not_found', 'sku-not-found', `No SKU ${request.sku}`);
    return supplyView({ sku: request.sku, madeToOrder: false, leadDays: 0, steps: [], materials: [], revision: 0, updatedBy: null, updatedAt: null });
  }

  @Handles(InventoryCatalog.listSkuSupplies)
  async listSkuSupplies(query: ListSkuSuppliesQuery, { tx }: CommandContext): Promise<Page<SkuSupplyView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<SkuSupplyEntity> = query.madeToOrder ? { madeToOrder: query.madeToOrder === 'true' } : {};
    const [rows, total] = await tx.findAndCount(SkuSupplyEntity, { where, order: { sku: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map(supplyView), page, pageSize, total };
  }

  @Handles(InventoryCatalog.listProductionOrders)
  async listProductionOrders(query: ListProductionOrdersQuery, { tx }: CommandContext): Promise<Page<ProductionOrderView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<ProductionOrderEntity> = {};
    if (query.status) where.status = query.status;
    if (query.orderId) where.orderId = query.orderId;
    if (query.route) where.route = query.route;
    if (query.customerId) where.customerId = query.customerId;
    if (query.sku) where.sku = query.sku;
    const [rows, total] = await tx.findAndCount(ProductionOrderEntity, { where, order: { createdAt: 'DESC', number: 'DESC' }, skip: offset, take: pageSize });
    return { items: await this.viewsOf(tx, rows), page, pageSize, total };
  }

  @Handles(InventoryCatalog.listLateProductionSteps)
  async listLateProductionSteps(query: LateStepsQuery, { tx }: CommandContext): Promise<LateStepView[]> {
    const on = query.on ?? businessDate();
    const rows = await tx.findBy(ProductionOrderEntity, { status: In([...IN_MAKING]) });
    const factories = await this.factoriesOf(tx, rows);
    return rows
      .flatMap((mo) => lateSteps(mo, on).map(({ step, daysLate }) => ({
        productionOrderId: mo.id, productionOrderNumber: mo.number, productionOrderStatus: mo.status, orderNumber: mo.orderNumber, customerId: mo.customerId, customerName: mo.customerName, sku: mo.sku,
        quantity: mo.quantity, route: mo.route, factorySupplierCode: mo.factorySupplierId ? factories.get(mo.factorySupplierId)?.code ?? null : null,
        stepNo: step.stepNo, stepName: step.name, stepStatus: step.status, plannedFinish: step.plannedFinish, daysLate,
      })))
      .sort((a, b) => b.daysLate - a.daysLate || a.productionOrderNumber.localeCompare(b.productionOrderNumber) || a.stepNo - b.stepNo);
  }

  @Handles(InventoryCatalog.getProductionOrder)
  async getProductionOrder(request: IdRequest, { tx }: CommandContext): Promise<ProductionOrderView> {
    return this.viewOf(tx, await this.orders.get(tx, request.id, { lock: false }));
  }

  /** Released; the materials it needs that stock does not cover go to purchasing as material requests (MaterialRequestDesk). */
  @Handles(InventoryCatalog.releaseProductionOrder)
  async releaseProductionOrder(request: ReleaseProductionOrderRequest, { tx, actor, cause }: CommandContext): Promise<ProductionOrderView> {
    const acting = { actor, cause };
    const factory = request.factorySupplierId ? await rowByKey(tx, SupplierEntity, 'id', request.factorySupplierId, { lock: false }) : null;
    const { row } = await this.orders.change(tx, request.id, (mo) => releaseProductionOrder(mo, request, factory, actor.userId, new Date()), acting);
    if (row.materials.length) {
      await this.materialRequests.raiseFor(tx, { productionOrderId: row.id, productionOrderNumber: row.number, lines: row.materials.map((m) => ({ sku: m.sku, quantity: m.quantity })) }, acting);
    }
    return this.viewOf(tx, row);
  }

  /** The first step's start issues the materials from the main warehouse, all or none (409 materials-short naming each). */
  @Handles(InventoryCatalog.startProductionStep)
  async startProductionStep(request: ProductionStepRequest, { tx, actor, cause }: CommandContext): Promise<ProductionOrderView> {
    const acting = { actor, cause };
    const { row } = await this.orders.change(tx, request.id, async (mo) => {
      const step = startStep(mo, request.stepNo, actor.userId, new Date());
      if (step.state.materialsIssued && !mo.materialsIssued && mo.materials.length) await this.issueMaterials(tx, mo, acting);
      return step;
    }, acting);
    return this.viewOf(tx, row);
  }

  @Handles(InventoryCatalog.recordSampleCheck)
  async recordSampleCheck(request: SampleCheckRequest, { tx, actor, cause }: CommandContext): Promise<ProductionOrderView> {
    const { id, stepNo, ...check } = request;
    const { row } = await this.orders.change(tx, id, async (mo) => {
      // A repeat of the design: a reference sample is kept, from another run than this one.
      const repeatRun = await tx.existsBy(ReferenceSampleEntity, { customerId: mo.customerId, sku: mo.sku, productionOrderId: Not(mo.id) });
      return recordSampleCheck(mo, stepNo, check, { repeatRun, inspector: actor.userId, at: new Date() });
    }, { actor, cause });
    return this.viewOf(tx, row);
  }

  @Handles(InventoryCatalog.decideProductionStep)
  async decideProductionStep(request: QualityDecisionRequest, { tx, actor, cause }: CommandContext): Promise<ProductionOrderView> {
    const { id, stepNo, ...decision } = request;
    const { row } = await this.orders.change(tx, id, (mo) => decideStep(mo, stepNo, decision, actor, new Date()), { actor, cause });
    return this.viewOf(tx, row);
  }

  @Handles(InventoryCatalog.completeProductionStep)
  async completeProductionStep(request: ProductionStepRequest, { tx, actor, cause }: CommandContext): Promise<ProductionOrderView> {
    const { row } = await this.orders.change(tx, request.id, async (mo) => {
      const referenceSampleKept = await tx.existsBy(ReferenceSampleEntity, { customerId: mo.customerId, sku: mo.sku });
      return completeStep(mo, request.stepNo, { by: actor.userId, at: new Date(), referenceSampleKept });
    }, { actor, cause });
    return this.viewOf(tx, row);
  }

  @Handles(InventoryCatalog.registerReferenceSample)
  async registerReferenceSample(request: ReferenceSampleRequest, { tx, actor }: CommandContext): Promise<ProductionOrderView> {
    // The production order's lock: its last step's completion checks for the sample under the same lock.
    const mo = await this.orders.get(tx, request.id);
    const kept = await tx.findOneBy(ReferenceSampleEntity, { customerId: mo.customerId, sku: mo.sku });
    refuseReferenceSample(mo, kept);
    await tx.insert(ReferenceSampleEntity, {
      id: uuidv7(), customerId: mo.customerId, sku: mo.sku, sampleCode: request.sampleCode, location: request.location, note: request.note ?? null,
      productionOrderId: mo.id, productionOrderNumber: mo.number, registeredBy: actor.userId,
    });
    return this.viewOf(tx, mo);
  }

  /**
   * Finished goods into stock. Outsourced: a goods receipt from the factory at the agreed price, recorded in the name of
   * the planner who released it and audited by the receiving keeper at once (never the same person), so
   * `inventory.receipt.audited` raises the factory's payable as any purchase receipt does. The last production order of
   * a customer order reserves the whole order here, under the same SKU locks, so nobody else can take the goods.
   */
  @Handles(InventoryCatalog.receiveProductionOrder)
  async receiveProductionOrder(request: ReceiveProductionOrderRequest, { tx, actor, cause }: CommandContext): Promise<ProductionOrderView> {
    const acting = { actor, cause };
    const warehouseCode = request.warehouseCode ?? DEFAULT_WAREHOUSE;
    const location = request.location ?? DEFAULT_LOCATION;
    const mo = await this.orders.get(tx, request.id);
    // The customer order next (a document, before any stock): the last two of its production orders are received one after the other.
    const [order] = await tx.getRepository(MadeToOrderOrderEntity).find({ where: { orderId: mo.orderId }, lock: { mode: 'pessimistic_write' } });
    const at = new Date();
    // Refused before anything is written when it is not done.
    receiveProductionOrder(mo, { by: actor.userId, at, warehouseCode, receiptId: null, receiptNumber: null });
    if (!(await tx.existsBy(WarehouseEntity, { code: warehouseCode, sellable: true }))) {
      throw new DomainError('rule_violated', 'unknown-warehouse', `No warehouse ${warehouseCode} that receives goods`, [{ field: 'warehouseCode', message: 'names no sellable warehouse' }]);
    }
    if (!(await tx.existsBy(LocationEntity, { warehouseCode, code: location }))) {
      throw new DomainError('rule_violated', 'unknown-location', `No location ${location} in ${warehouseCode}`, [{ field: 'location', message: `names no location of ${warehouseCode}` }]);
    }
    let receipt: { id: string; number: string } | null = null;
    if (mo.route === 'outsourced') receipt = await this.receiveFromFactory(tx, mo, warehouseCode, location, acting);
    // Every SKU this transaction may touch, in one sweep: the goods, and the whole customer order it may reserve.
    await this.ledger.lock(tx, [mo.sku, ...(order?.lines.map((l) => l.sku) ?? [])]);
    await this.ledger.receive(tx, { warehouseCode, documentRef: receipt?.number ?? mo.number, lines: [{ sku: mo.sku, location, batch: '', quantity: mo.quantity }] }, acting);
    const { row } = await this.orders.apply(tx, mo, (state) => receiveProductionOrder(state, {
      by: actor.userId, at, warehouseCode, receiptId: receipt?.id ?? null, receiptNumber: receipt?.number ?? null,
    }), acting);
    if (order && !order.cancelledAt && !order.completedAt) await this.completeIfAllReceived(tx, order, acting);
    return this.viewOf(tx, row);
  }

  @Handles(InventoryCatalog.listReferenceSamples)
  async listReferenceSamples(query: ListReferenceSamplesQuery, { tx }: CommandContext): Promise<Page<ReferenceSampleView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<ReferenceSampleEntity> = {};
    if (query.customerId) where.customerId = query.customerId;
    if (query.sku) where.sku = query.sku;
    const [rows, total] = await tx.findAndCount(ReferenceSampleEntity, { where, order: { registeredAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(referenceSampleView), page, pageSize, total };
  }

  private async issueMaterials(tx: EntityManager, mo: ProductionOrder, acting: Acting): Promise<void> {
    const warehouseCode = DEFAULT_WAREHOUSE;
    const skus = [...new Set(mo.materials.map((m) => m.sku))].sort(compare);
    await this.ledger.lock(tx, skus);
    const levels: Array<{ sku_code: string; on_hand: number; reserved: number }> = await tx.query(
      `SELECT sku_code, on_hand, reserved FROM stock_levels WHERE warehouse_code = $1 AND sku_code = ANY($2::text[])`, [warehouseCode, skus],
    );
    const lots: Array<{ sku_code: string; location: string; batch: string; on_hand: number }> = await tx.query(
      `SELECT sku_code, location, batch, on_hand FROM stock_lots WHERE warehouse_code = $1 AND sku_code = ANY($2::text[]) AND on_hand > 0 ORDER BY since, batch, location`,
      [warehouseCode, skus],
    );
    const lines = planMaterialIssue(
      mo, new Map(levels.map((l) => [l.sku_code, l.on_hand - l.reserved])), lots.map((l) => ({ sku: l.sku_code, location: l.location, batch: l.batch, onHand: l.on_hand })),
    );
    const ordered = lines.map((l) => ({ ...l, warehouseCode })).sort((a, b) => compare(a.sku, b.sku) || compare(a.location, b.location) || compare(a.batch, b.batch));
    await this.ledger.issue(tx, { documentRef: mo.number, kind: 'issue', lines: ordered, source: `Production order ${mo.number}`, lineField: 'materials' }, acting);
  }

  private async receiveFromFactory(tx: EntityManager, mo: ProductionOrder, warehouseCode: string, location: string, acting: Acting): Promise<{ id: string; number: string }> {
    const unitPriceFen = mo.agreedUnitPriceFen ?? 0;
    // The step checks were the inspection: every unit is accepted, none rejected.
    const recorded = recordReceipt({
      id: uuidv7(), number: await nextDocumentNumber(tx, 'GR', businessYear()), warehouseCode, reference: mo.number,
      lines: [{ sku: mo.sku, quantity: mo.quantity, location, batch: '', unitPriceFen, inspection: 'passed' as const, acceptedQuantity: mo.quantity, rejectedQuantity: 0 }],
      createdBy: mo.releasedBy ?? 'system', supplierId: mo.factorySupplierId, purchaseOrderId: null, arrivedAt: new Date(),
    });
    const created = await this.receipts.create(tx, recorded, acting);
    const { row } = await this.receipts.apply(tx, created, (r) => {
      const audited = auditReceipt(r, acting.actor.userId);
      const payable = receiptAudited(audited.state, null);
      return { ...audited, events: payable ? [payable] : [] };
    }, acting);
    // What the audit moves into stock is the receipt's accepted lines, as ReceiptCommands posts them.
    if (ledgerLinesOf(row.lines).accepted.length !== 1) throw new Error(`Goods receipt ${row.number} of ${mo.number} should hold one accepted line`);
    return { id: row.id, number: row.number };
  }

  /** The last production order received: the whole customer order is reserved for it, and finance is told to ask for the balance. */
  private async completeIfAllReceived(tx: EntityManager, order: MadeToOrderOrderEntity, acting: Acting): Promise<void> {
    const all = await tx.findBy(ProductionOrderEntity, { orderId: order.orderId });
    if (!allReceived(all)) return;
    await this.desk.reserveOrWait(tx, order.orderId, order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), acting);
    await this.changes.changed(tx, pickGateChanged(order.orderId));
    const completedAt = new Date();
    await tx.update(MadeToOrderOrderEntity, { orderId: order.orderId }, { completedAt });
    const made = all.filter((mo) => mo.status === 'received').sort((a, b) => a.lineNo - b.lineNo);
    await this.outbox.append(tx, ProductionCompleted, {
      aggregateId: order.orderId, actor: acting.actor, cause: acting.cause,
      data: {
        orderId: order.orderId, customerId: order.customerId, completedAt: completedAt.toISOString(),
        lines: made.map((mo) => ({ sku: mo.sku, quantity: mo.quantity, productionOrderNumber: mo.number })),
        ...(order.serviceTicketNumber ? { serviceTicketNumber: order.serviceTicketNumber } : {}),
      },
    });
  }

  private async factoriesOf(tx: EntityManager, rows: ProductionOrderEntity[]): Promise<Map<string, SupplierEntity>> {
    const ids = [...new Set(rows.map((r) => r.factorySupplierId).filter((id): id is string => id !== null))];
    return new Map(ids.length ? (await tx.findBy(SupplierEntity, { id: In(ids) })).map((s) => [s.id, s]) : []);
  }

  private async viewOf(tx: EntityManager, row: ProductionOrderEntity): Promise<ProductionOrderView> {
    return (await this.viewsOf(tx, [await tx.findOneByOrFail(ProductionOrderEntity, { id: row.id })]))[0];
  }

  private async viewsOf(tx: EntityManager, rows: ProductionOrderEntity[]): Promise<ProductionOrderView[]> {
    if (!rows.length) return [];
    const factories = await this.factoriesOf(tx, rows);
    const requests = await tx.find(MaterialRequestEntity, { where: { productionOrderId: In(rows.map((r) => r.id)) }, order: { number: 'ASC' } });
    const samples = await tx.find(ReferenceSampleEntity, { where: rows.map((r) => ({ customerId: r.customerId, sku: r.sku })) });
    const receiptNumbers = new Map<string, string>(
      (await tx.query(`SELECT id, number FROM stock_receipts WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.receiptId).filter((id) => id !== null)]) as Array<{ id: string; number: string }>)
        .map((r) => [r.id, r.number]),
    );
    return rows.map((mo) => {
      const factory = mo.factorySupplierId ? factories.get(mo.factorySupplierId) : undefined;
      const sample = samples.find((s) => s.customerId === mo.customerId && s.sku === mo.sku);
      return {
        id: mo.id, number: mo.number, status: mo.status, orderId: mo.orderId, orderNumber: mo.orderNumber, orderKind: mo.orderKind, serviceTicketNumber: mo.serviceTicketNumber,
        customerId: mo.customerId, customerName: mo.customerName, lineNo: mo.lineNo, sku: mo.sku, quantity: mo.quantity, requestedDate: mo.requestedDate, plannedStart: mo.plannedStart,
        plannedFinish: mo.plannedFinish, behindRequestedDate: mo.behindRequestedDate, firstRun: mo.firstRun, route: mo.route, factorySupplierId: mo.factorySupplierId,
        factorySupplierCode: factory?.code ?? null, factorySupplierName: factory?.name ?? null, agreedUnitPriceFen: mo.agreedUnitPriceFen,
        materials: mo.materials, materialsIssued: mo.materialsIssued,
        steps: mo.steps.map((s) => ({ ...s, checks: s.checks.map((c) => ({ ...c })), decisions: s.decisions.map((d) => ({ ...d })) })),
        materialRequests: requests.filter((r) => r.productionOrderId === mo.id).map((r) => ({ id: r.id, number: r.number, sku: r.sku, quantityRequested: r.requestedQuantity, status: r.status })),
        referenceSample: sample ? referenceSampleView(sample) : null,
        warehouseCode: mo.warehouseCode, receiptId: mo.receiptId, receiptNumber: mo.receiptId ? receiptNumbers.get(mo.receiptId) ?? null : null,
        releasedBy: mo.releasedBy, releasedAt: mo.releasedAt?.toISOString() ?? null, doneAt: mo.doneAt?.toISOString() ?? null, receivedBy: mo.receivedBy,
        receivedAt: mo.receivedAt?.toISOString() ?? null, cancelReason: mo.cancelReason, createdAt: mo.createdAt.toISOString(), updatedAt: mo.updatedAt.toISOString(),
      };
    });
  }
}

function supplyView(s: Omit<SkuSupplyEntity, 'updatedBy' | 'updatedAt'> & { updatedBy: string | null; updatedAt: Date | null }): SkuSupplyView {
  return {
    sku: s.sku, madeToOrder: s.madeToOrder, leadDays: s.leadDays, steps: s.steps.map((st, i) => ({ stepNo: i + 1, name: st.name })), materials: s.materials,
    revision: s.revision, updatedBy: s.updatedBy, updatedAt: s.updatedAt?.toISOString() ?? null,
  };
}

function referenceSampleView(s: ReferenceSampleEntity): ReferenceSampleView {
  return {
    id: s.id, customerId: s.customerId, sku: s.sku, sampleCode: s.sampleCode, location: s.location, note: s.note, productionOrderId: s.productionOrderId,
    productionOrderNumber: s.productionOrderNumber, registeredBy: s.registeredBy, registeredAt: s.registeredAt.toISOString(),
  };
}
