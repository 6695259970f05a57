import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/*
 * The outlets' tables (migration 1765600000000). Status columns (outlet, ticket, slip) are written only by
 * their AggregateStore; the rest by the commands that own them.
 */

export type OutletPosition = 'manager' | 'supervisor' | 'clerk' | 'bar_staff' | 'bartender' | 'back_room';

/** Per weekday (0 = Sunday … 6 = Saturday, Asia/Shanghai): opening and closing time, or null when closed. */
export type OpeningHours = Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', { opens: string; closes: string } | null>;

@Entity('outlets')
export class OutletEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') kind: 'store' | 'bar';
  @Column('text') warehouseCode: string;
  @Column('uuid') priceListId: string;
  @Column('jsonb') openingHours: OpeningHours;
  @Column('text') status: 'active' | 'closed';
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('outlet_staff')
export class OutletStaffEntity {
  @PrimaryColumn('uuid') outletId: string;
  @PrimaryColumn('text') username: string;
  @Column('text') position: OutletPosition;
}

/** The day's opening check: equipment, the cash float counted, the display stock. One per outlet and business date. */
@Entity('opening_checks')
export class OpeningCheckEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') outletId: string;
  @Column('date') businessDate: string;
  @Column('boolean') equipmentOk: boolean;
  @Column('text', { nullable: true }) equipmentNotes: string | null;
  @Column('bigint', { transformer: bigintFen }) cashFloatFen: number;
  @Column('boolean') displayStockChecked: boolean;
  @Column('text', { nullable: true }) displayNotes: string | null;
  @Column('text') checkedBy: string;
  @Column('timestamptz') checkedAt: Date;
}

export type TillTicketStatus = 'open' | 'paid' | 'voided';

/** A ticket at the till: open while a table runs it up, numbered when paid (gapless per outlet). */
@Entity('till_tickets')
export class TillTicketEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') outletId: string;
  @Column('text', { nullable: true }) number: string | null;
  @Column('text') status: TillTicketStatus;
  @Column('text', { nullable: true }) tableLabel: string | null;
  @Column('date') businessDate: string;
  @Column('bigint', { transformer: bigintFen }) subtotalFen: number;
  @Column('bigint', { transformer: bigintFen }) discountFen: number;
  @Column('bigint', { transformer: bigintFen }) totalFen: number;
  @Column('text', { nullable: true }) discountApprovedBy: string | null;
  @Column('text') openedBy: string;
  @Column('timestamptz') openedAt: Date;
  @Column('text', { nullable: true }) cashier: string | null;
  @Column('timestamptz', { nullable: true }) paidAt: Date | null;
  @Column('text', { nullable: true }) voidedBy: string | null;
  @Column('text', { nullable: true }) voidReason: string | null;
  @Column('timestamptz', { nullable: true }) voidedAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('till_ticket_lines')
export class TillTicketLineEntity {
  @PrimaryColumn('uuid') ticketId: string;
  @PrimaryColumn('int') lineNo: number;
  @Column('text') sku: string;
  @Column('text') name: string;
  @Column('int') quantity: number;
  @Column('bigint', { transformer: bigintFen }) listPriceFen: number;
  @Column('bigint', { transformer: bigintFen }) unitPriceFen: number;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  /** The drinks slip the line came from, at a bar. */
  @Column('uuid', { nullable: true }) slipId: string | null;
}

export interface SignedCard {
  last4: string;
  /** The card holder signed the slip. */
  signed: boolean;
}

@Entity('till_ticket_tenders')
export class TillTicketTenderEntity {
  @PrimaryColumn('uuid') ticketId: string;
  @PrimaryColumn('int') seq: number;
  @Column('text') method: 'cash' | 'pos' | 'transfer';
  /** What the tender paid of the ticket (cash: net of change). */
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  /** Cash handed over by the guest. */
  @Column('bigint', { nullable: true, transformer: bigintFen }) tenderedFen: number | null;
  @Column('bigint', { transformer: bigintFen }) changeFen: number;
  @Column('boolean', { nullable: true }) counterfeitChecked: boolean | null;
  @Column('jsonb', { nullable: true }) cards: SignedCard[] | null;
  @Column('text', { nullable: true }) payer: string | null;
  @Column('text', { nullable: true }) reference: string | null;
}

export type DrinksSlipStatus = 'written' | 'made' | 'served' | 'cancelled';

/** A drinks slip (酒水供应单): written by table staff, made at the bar, served, then settled on the table's ticket. */
@Entity('drinks_slips')
export class DrinksSlipEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') outletId: string;
  @Column('text') number: string;
  @Column('text') tableLabel: string;
  @Column('text') status: DrinksSlipStatus;
  @Column('date') businessDate: string;
  @Column('text') writtenBy: string;
  @Column('timestamptz') writtenAt: Date;
  @Column('text', { nullable: true }) madeBy: string | null;
  @Column('timestamptz', { nullable: true }) madeAt: Date | null;
  @Column('text', { nullable: true }) servedBy: string | null;
  @Column('timestamptz', { nullable: true }) servedAt: Date | null;
  @Column('text', { nullable: true }) cancelledBy: string | null;
  @Column('text', { nullable: true }) cancelReason: string | null;
  /** The ticket the slip was settled on; null until the table pays. */
  @Column('uuid', { nullable: true }) ticketId: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('drinks_slip_lines')
export class DrinksSlipLineEntity {
  @PrimaryColumn('uuid') slipId: string;
  @PrimaryColumn('int') lineNo: number;
  @Column('text') sku: string;
  @Column('int') quantity: number;
  @Column('text', { nullable: true }) note: string | null;
}

export const OUTLET_ENTITIES = [OutletEntity, OutletStaffEntity, OpeningCheckEntity, TillTicketEntity, TillTicketLineEntity, TillTicketTenderEntity, DrinksSlipEntity, DrinksSlipLineEntity];
