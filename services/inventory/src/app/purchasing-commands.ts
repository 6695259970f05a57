import { Injectable } from '@nestjs/common';
import {
  DEFAULT_WAREHOUSE, InventoryCatalog, pageWindow, type CancelPurchaseOrderRequest, type ChangeSupplierRequest, type ClosePurchaseOrderRequest, type CreatePurchaseOrderRequest,
  type DeactivateSupplierRequest, type IdRequest, type ListPurchaseOrdersQuery, type ListSuppliersQuery, type Page, type PurchaseOrderView,
  type RegisterSupplierRequest, type SupplierContactRequest, type SupplierView,
} from '@ops/contracts';
import { businessYear, DomainError } from '@ops/kernel';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, type Acting, type CommandContext } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  amountOf, approvePurchaseOrder, cancelPurchaseOrder, closePurchaseOrder, draftPurchaseOrder, remainingOf, requiredPurchaseApproval, type PurchaseOrderLine,
} from '../domain/purchase-order.js';
import {
  changeSupplier, deactivateSupplier, maskAccount, refuseInactiveSupplier, registerSupplier, seesFullAccount, type SupplierContact, type SupplierDetails,
} from '../domain/supplier.js';
import { SkuEntity, StockReceiptEntity, WarehouseEntity } from '../infra/persistence/inventory.entities.js';
import { PurchaseOrderEntity, SupplierEntity } from '../infra/persistence/purchasing.entities.js';
import { linesOf, PurchaseOrderStore, SupplierStore } from '../infra/persistence/purchasing.stores.js';
import { MaterialRequestDesk } from './material-requests.js';

const contactsOf = (contacts: SupplierContactRequest[] | undefined): SupplierContact[] =>
  (contacts ?? []).map((c) => ({ name: c.name, phone: c.phone ?? null, email: c.email ?? null }));

/** How many each open backorder waits for per SKU, what is available of it and what is on order (domain.md, purchasing: shortages). */
/**
 * Purchasing (domain.md, purchasing): suppliers and purchase orders. The rules are in domain/supplier.ts and
 * domain/purchase-order.ts; receiving against an order is the goods receipt's audit (ReceiptCommands).
 */
@Injectable()
export class PurchasingCommands {
  constructor(private readonly suppliers: SupplierStore, private readonly orders: PurchaseOrderStore, private readonly materials: MaterialRequestDesk) {}

  @Handles(InventoryCatalog.registerSupplier)
  async registerSupplier(request: RegisterSupplierRequest, { tx, actor, cause }: CommandContext): Promise<SupplierView> {
    if (await tx.existsBy(SupplierEntity, { code: request.code })) {
      throw new DomainError('conflict', 'supplier-exists', `Supplier ${request.code} already exists`, [{ field: 'code', message: 'is already in use' }]);
    }
    const details: SupplierDetails = {
      code: request.code, name: request.name, kind: request.kind, taxId: request.taxId ?? null, paymentTermsDays: request.paymentTermsDays,
      bankName: request.bankName ?? null, bankAccount: request.bankAccount ?? null, contacts: contactsOf(request.contacts),
    };
    const row = await this.suppliers.create(tx, registerSupplier(uuidv7(), details), { actor, cause });
    return supplierView(await this.suppliers.get(tx, row.id, { lock: false }), seesFullAccount(actor.roles));
  }

  @Handles(InventoryCatalog.changeSupplier)
  async changeSupplier(request: ChangeSupplierRequest, { tx, actor, cause }: CommandContext): Promise<SupplierView> {
    const { id, contacts, ...rest } = request;
    // Only what the request names changes; `null` clears an optional field.
    const changes: Partial<Omit<SupplierDetails, 'code'>> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (contacts !== undefined) changes.contacts = contactsOf(contacts);
    const { row } = await this.suppliers.change(tx, id, (s) => changeSupplier(s, changes), { actor, cause });
    return supplierView(row, seesFullAccount(actor.roles));
  }

  @Handles(InventoryCatalog.deactivateSupplier)
  async deactivateSupplier(request: DeactivateSupplierRequest, { tx, actor, cause }: CommandContext): Promise<SupplierView> {
    const { row } = await this.suppliers.change(tx, request.id, (s) => deactivateSupplier(s, request.reason), { actor, cause });
    return supplierView(row, seesFullAccount(actor.roles));
  }

  @Handles(InventoryCatalog.listSuppliers)
  async listSuppliers(query: ListSuppliersQuery, { tx }: CommandContext): Promise<Page<SupplierView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const q = tx.createQueryBuilder(SupplierEntity, 's');
    if (query.q) q.andWhere('(s.code ILIKE :q OR s.name ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (query.kind) q.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.active) q.andWhere('s.active = :active', { active: query.active === 'true' });
    const [rows, total] = await q.orderBy('s.code', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    // Lists never show an account in full, whoever reads them.
    return { items: rows.map((s) => supplierView(s, false)), page, pageSize, total };
  }

  @Handles(InventoryCatalog.getSupplier)
  async getSupplier(request: IdRequest, { tx, actor }: CommandContext): Promise<SupplierView> {
    return supplierView(await this.suppliers.get(tx, request.id, { lock: false }), seesFullAccount(actor.roles));
  }

  @Handles(InventoryCatalog.createPurchaseOrder)
  async createPurchaseOrder(request: CreatePurchaseOrderRequest, { tx, actor, cause }: CommandContext): Promise<PurchaseOrderView> {
    return this.draft(tx, request, { actor, cause });
  }

  /** A draft order, as `createPurchaseOrder` makes it; also what material requests are bought on (MaterialRequestCommands). */
  async draft(tx: EntityManager, request: CreatePurchaseOrderRequest, { actor, cause }: Acting): Promise<PurchaseOrderView> {
    const supplier = await rowByKey(tx, SupplierEntity, 'id', request.supplierId, { lock: false });
    if (!supplier) throw new DomainError('rule_violated', 'unknown-supplier', `No supplier ${request.supplierId}`, [{ field: 'supplierId', message: 'names no supplier' }]);
    refuseInactiveSupplier(supplier);
    const lines = request.lines.map((l) => ({ ...l, warehouseCode: l.warehouseCode ?? DEFAULT_WAREHOUSE }));
    const skus = new Set((await tx.findBy(SkuEntity, { code: In(lines.map((l) => l.sku)) })).map((s) => s.code));
    const warehouses = new Set((await tx.findBy(WarehouseEntity, { code: In(lines.map((l) => l.warehouseCode)), sellable: true })).map((w) => w.code));
    const problems = lines.flatMap((l, i) => [
      ...(skus.has(l.sku) ? [] : [{ field: `lines[${i}].sku`, message: `names no SKU (${l.sku})` }]),
      ...(warehouses.has(l.warehouseCode) ? [] : [{ field: `lines[${i}].warehouseCode`, message: `names no sellable warehouse (${l.warehouseCode})` }]),
    ]);
    if (problems.length) throw new DomainError('rule_violated', 'unknown-sku-or-warehouse', 'Some lines name a SKU or warehouse that does not exist', problems);
    const step = draftPurchaseOrder({
      id: uuidv7(), number: await nextDocumentNumber(tx, 'PO', businessYear()), supplierId: supplier.id, lines, prepaymentFen: request.prepaymentFen ?? 0, createdBy: actor.userId,
    });
    return purchaseOrderView(await this.orders.createWithLines(tx, step, { actor, cause }), supplier);
  }

  @Handles(InventoryCatalog.approvePurchaseOrder)
  async approvePurchaseOrder(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<PurchaseOrderView> {
    const { row } = await this.orders.changeWithLines(tx, request.id, (po) => approvePurchaseOrder(po, actor), { actor, cause });
    return this.viewOf(tx, row);
  }

  @Handles(InventoryCatalog.closePurchaseOrder)
  async closePurchaseOrder(request: ClosePurchaseOrderRequest, { tx, actor, cause }: CommandContext): Promise<PurchaseOrderView> {
    const { row } = await this.orders.changeWithLines(tx, request.id, (po) => closePurchaseOrder(po, actor, request.reason ?? null), { actor, cause });
    return this.viewOf(tx, row);
  }

  @Handles(InventoryCatalog.cancelPurchaseOrder)
  async cancelPurchaseOrder(request: CancelPurchaseOrderRequest, { tx, actor, cause }: CommandContext): Promise<PurchaseOrderView> {
    // Checked under the order's lock: a receipt against the order is recorded only while the order can receive.
    const { row } = await this.orders.changeWithLines(
      tx, request.id, async (po) => cancelPurchaseOrder(po, actor.userId, request.reason, await tx.existsBy(StockReceiptEntity, { purchaseOrderId: po.id })), { actor, cause },
    );
    // Material requests bought on it are to be bought again.
    await this.materials.reopenFor(tx, row.id, request.reason, { actor, cause });
    return this.viewOf(tx, row);
  }

  @Handles(InventoryCatalog.listPurchaseOrders)
  async listPurchaseOrders(query: ListPurchaseOrdersQuery, { tx }: CommandContext): Promise<Page<PurchaseOrderView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const q = tx.createQueryBuilder(PurchaseOrderEntity, 'po');
    if (query.status) q.andWhere('po.status = :status', { status: query.status });
    if (query.supplierId) q.andWhere('po.supplierId = :supplierId', { supplierId: query.supplierId });
    if (query.sku) q.andWhere('EXISTS (SELECT 1 FROM purchase_order_lines l WHERE l.purchase_order_id = po.id AND l.sku_code = :sku)', { sku: query.sku });
    const [rows, total] = await q.orderBy('po.createdAt', 'DESC').addOrderBy('po.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    const lines = await linesOf(tx, rows.map((r) => r.id));
    const suppliers = await tx.findBy(SupplierEntity, { id: In([...new Set(rows.map((r) => r.supplierId))]) });
    const items = rows.map((r) => purchaseOrderView({ ...r, lines: lines.get(r.id) ?? [] }, suppliers.find((s) => s.id === r.supplierId)!));
    return { items, page, pageSize, total };
  }

  @Handles(InventoryCatalog.getPurchaseOrder)
  async getPurchaseOrder(request: IdRequest, { tx }: CommandContext): Promise<PurchaseOrderView> {
    return this.viewOf(tx, await this.orders.load(tx, request.id, { lock: false }));
  }

  private async viewOf(tx: EntityManager, row: PurchaseOrderEntity & { lines: PurchaseOrderLine[] }): Promise<PurchaseOrderView> {
    return purchaseOrderView(row, await tx.findOneByOrFail(SupplierEntity, { id: row.supplierId }));
  }
}

export function supplierView(s: SupplierEntity, fullAccount: boolean): SupplierView {
  return {
    id: s.id, code: s.code, name: s.name, kind: s.kind, taxId: s.taxId, paymentTermsDays: s.paymentTermsDays, bankName: s.bankName,
    bankAccount: fullAccount ? s.bankAccount : maskAccount(s.bankAccount), bankAccountMasked: !fullAccount && s.bankAccount !== null,
    contacts: s.contacts, active: s.active, revision: s.revision, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
  };
}

export function purchaseOrderView(po: PurchaseOrderEntity & { lines: PurchaseOrderLine[] }, supplier: Pick<SupplierEntity, 'code' | 'name'>): PurchaseOrderView {
  return {
    id: po.id, number: po.number, supplierId: po.supplierId, supplierCode: supplier.code, supplierName: supplier.name, status: po.status, amountFen: po.amountFen,
    prepaymentFen: po.prepaymentFen, requiredApproval: requiredPurchaseApproval(po.amountFen), reason: po.reason, createdBy: po.createdBy, approvedBy: po.approvedBy,
    approvedAt: po.approvedAt?.toISOString() ?? null, createdAt: po.createdAt.toISOString(), updatedAt: po.updatedAt.toISOString(),
    lines: po.lines.map((l) => ({ ...l, remainingQuantity: remainingOf(l), amountFen: amountOf([l]) })),
  };
}
