import { bigintFen } from '@ops/persistence';
import type { BackorderStatus } from '../../domain/backorder.js';
import type { LotPick } from '../../domain/lots.js';
import type { PickStatus } from '../../domain/pick-list.js';
import type { RecountStatus } from '../../domain/recount-policy.js';
import type { ReleaseBasis } from '../../domain/release-policy.js';
import type { ExpectedReturn, ExpectedReturnLine, ExpectedReturnStatus } from '../../domain/return-receipt.js';
import type { ReservationStatus, WantedLine } from '../../domain/reservation.js';
import type { MovementKind } from '../../domain/stock-ledger.js';
import type { ReceiptLine, ReceiptStatus } from '../../domain/stock-receipt.js';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PURCHASE_RETURN_ENTITIES } from './purchase-returns.entities.js';
import { WAREHOUSE_OPERATION_ENTITIES } from './warehouse-operations.entities.js';
import { PURCHASING_ENTITIES } from './purchasing.entities.js';
import { MATERIAL_REQUEST_ENTITIES } from './material-requests.entities.js';
import { PRODUCTION_ENTITIES } from './production.entities.js';

@Entity('skus')
export class SkuEntity {
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @Column('text') model: string;
  @Column('text') version: string;
  @Column('text') unit: string;
  @Column('text', { nullable: true }) packaging: string | null;
  /** Below this many available over all warehouses the SKU is low on stock; 0 never alerts. */
  @Column('int') reorderPoint: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('locations')
export class LocationEntity {
  @PrimaryColumn('text') warehouseCode: string;
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** On hand per SKU, warehouse, location and batch ('' = no batch); the sum over lots is the warehouse's on hand. */
@Entity('stock_lots')
export class StockLotEntity {
  @PrimaryColumn('text') skuCode: string;
  @PrimaryColumn('text') warehouseCode: string;
  @PrimaryColumn('text') location: string;
  @PrimaryColumn('text') batch: string;
  @Column('int') onHand: number;
  @Column('timestamptz') since: Date;
}

@Entity('stock_receipts')
export class StockReceiptEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') warehouseCode: string;
  @Column('text') reference: string;
  @Column('text') status: ReceiptStatus;
  @Column('jsonb') lines: ReceiptLine[];
  @Column('text') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('text', { nullable: true }) auditedBy: string | null;
  @Column('timestamptz', { nullable: true }) auditedAt: Date | null;
  /** Purchase receipts: the supplier and order delivered, and when the goods arrived (null on receipts from before purchasing). */
  @Column('uuid', { nullable: true }) supplierId: string | null;
  @Column('uuid', { nullable: true }) purchaseOrderId: string | null;
  @Column('timestamptz', { nullable: true }) arrivedAt: Date | null;
}

@Entity('warehouses')
export class WarehouseEntity {
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  /** False for quarantine: its stock is never reserved, picked or counted as available. */
  @Column('boolean', { default: true }) sellable: boolean;
  /** A store sells from its shop floor: a transfer between two stores needs a sales manager's consent. */
  @Column('text', { default: 'warehouse' }) kind: 'warehouse' | 'store';
}

/** On hand and reserved per SKU and warehouse; the ledger below explains every change of on hand. */
@Entity('stock_levels')
export class StockLevelEntity {
  @PrimaryColumn('text') skuCode: string;
  @PrimaryColumn('text') warehouseCode: string;
  @Column('int') onHand: number;
  @Column('int') reserved: number;
}

/** The stock ledger: append-only, one row per movement, each tied to its document (domain.md §6). */
@Entity('stock_movements')
export class StockMovementEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('text') skuCode: string;
  @Column('text') warehouseCode: string;
  @Column('int') quantity: number;
  @Column('text') kind: MovementKind;
  @Column('text') location: string;
  @Column('text') batch: string;
  @Column('text') documentRef: string;
  @Column('text') actorId: string;
  @CreateDateColumn({ type: 'timestamptz' }) occurredAt: Date;
}

@Entity('reservations')
export class ReservationEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') orderId: string;
  @Column('text') skuCode: string;
  @Column('text') warehouseCode: string;
  @Column('int') quantity: number;
  @Column('int') shippedQuantity: number;
  @Column('text') status: ReservationStatus;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** Orders that may go to the warehouse, and why: paid, on approved credit terms, or by the sales VP's exception. */
@Entity('order_releases')
export class OrderReleaseEntity {
  @PrimaryColumn('uuid') orderId: string;
  @Column('uuid') eventId: string;
  @Column('text') basis: ReleaseBasis;
  @Column('uuid', { nullable: true }) customerId: string | null;
  @Column('text', { nullable: true }) exceptionReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) releasedAt: Date;
}

@Entity('shipments')
export class ShipmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') orderId: string;
  @Column('text') carrier: string;
  @Column('text') trackingNumber: string;
  @Column('int') pieces: number;
  @Column('jsonb') lines: Array<{ sku: string; warehouseCode: string; quantity: number }>;
  @Column('text') shippedBy: string;
  @Column('timestamptz') shippedAt: Date;
  /** The customer-signed delivery receipt (domain.md §4.11). */
  @Column('text', { nullable: true }) deliverySignedBy: string | null;
  @Column('timestamptz', { nullable: true }) deliveredAt: Date | null;
  @Column('uuid', { nullable: true }) pickListId: string | null;
}

/** A location whose count is in doubt after an incident. */
@Entity('recount_requests')
export class RecountRequestEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') incidentId: string;
  @Column('text') incidentNumber: string;
  @Column('text') warehouseCode: string;
  @Column('text') location: string;
  @Column('text') reason: string;
  @Column('text') status: RecountStatus;
  @CreateDateColumn({ type: 'timestamptz' }) requestedAt: Date;
}

@Entity('pick_lists')
export class PickListEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') orderId: string;
  @Column('text') status: PickStatus;
  @Column('jsonb') lines: Array<{ sku: string; warehouseCode: string; quantity: number }>;
  /** Where the picked units came from, lot by lot; empty until picked. */
  @Column('jsonb') picks: LotPick[];
  @Column('text', { nullable: true }) pickedBy: string | null;
  @Column('text', { nullable: true }) verifiedBy: string | null;
  @Column('text', { nullable: true }) packedBy: string | null;
  @Column('int', { nullable: true }) pieces: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** An order stock could not cover, waiting in line for its SKUs (domain.md §4.5). */
@Entity('backorders')
export class BackorderEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') orderId: string;
  @Column('jsonb') lines: WantedLine[];
  @Column('text') status: BackorderStatus;
  @CreateDateColumn({ type: 'timestamptz' }) registeredAt: Date;
  @Column('timestamptz', { nullable: true }) filledAt: Date | null;
}

/**
 * A customer's overdue credit, as finance last reported it (finance.receivable.changed), and whether
 * finance has stopped supply (finance.customer.credit-hold / credit-released, the newest decision kept).
 */
@Entity('customer_standing')
export class CustomerStandingEntity {
  @PrimaryColumn('uuid') customerId: string;
  @Column('bigint', { transformer: bigintFen }) overdueFen: number;
  @Column('int') revision: number;
  @Column('boolean') onHold: boolean;
  @Column('text', { nullable: true }) holdReason: string | null;
  /** When finance decided the hold or release kept here, and the decision's event: an older decision arriving later changes nothing. */
  @Column('timestamptz', { nullable: true }) holdChangedAt: Date | null;
  @Column('uuid', { nullable: true }) holdEventId: string | null;
}

/** Returned goods expected back, and what was counted and how inspection split it; written by ExpectedReturnStore only. */
@Entity('expected_returns')
export class ExpectedReturnEntity implements ExpectedReturn {
  @PrimaryColumn('uuid') returnId: string;
  @Column('text') returnNumber: string;
  @Column('uuid') orderId: string;
  @Column('uuid') customerId: string;
  @Column('text') status: ExpectedReturnStatus;
  @Column('jsonb') lines: ExpectedReturnLine[];
  @Column('text', { nullable: true }) warehouseCode: string | null;
  @Column('text', { nullable: true }) receivedBy: string | null;
  @Column('timestamptz', { nullable: true }) receivedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) expectedAt: Date;
}

export const INVENTORY_ENTITIES = [ExpectedReturnEntity, BackorderEntity, CustomerStandingEntity, LocationEntity, StockLotEntity, StockReceiptEntity, PickListEntity, SkuEntity, WarehouseEntity, StockLevelEntity, StockMovementEntity, ReservationEntity, OrderReleaseEntity, ShipmentEntity, RecountRequestEntity, ...WAREHOUSE_OPERATION_ENTITIES, ...PURCHASING_ENTITIES, ...PURCHASE_RETURN_ENTITIES, ...MATERIAL_REQUEST_ENTITIES, ...PRODUCTION_ENTITIES];
