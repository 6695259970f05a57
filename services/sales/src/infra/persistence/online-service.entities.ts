import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { BusinessAccount, BusinessAccountKind, BusinessAccountStatus, BusinessDocument } from '../../domain/business-account.js';
import type { ServiceTicket, TicketChannel, TicketKind, TicketNote, TicketStatus } from '../../domain/service-ticket.js';

/* Business accounts and service tickets (migration 1765730000000); statuses are written only by the stores in online-service.stores.ts. */

@Entity('business_accounts')
export class BusinessAccountEntity implements BusinessAccount {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') kind: BusinessAccountKind;
  @Column('text', { nullable: true }) subKind: string | null;
  @Column('text') status: BusinessAccountStatus;
  @Column('text') companyName: string;
  @Column('text') creditCode: string;
  @Column('text') contactName: string;
  @Column('text') contactPhone: string;
  @Column('text', { nullable: true }) contactEmail: string | null;
  @Column('uuid', { nullable: true }) customerId: string | null;
  @Column('jsonb') documents: BusinessDocument[];
  @Column('text') registeredBy: string;
  @Column('timestamptz') registeredAt: Date;
  @Column('text', { nullable: true }) reviewedBy: string | null;
  @Column('timestamptz', { nullable: true }) reviewedAt: Date | null;
  @Column('text', { nullable: true }) decisionReason: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('service_tickets')
export class ServiceTicketEntity implements ServiceTicket {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') kind: TicketKind;
  @Column('text') status: TicketStatus;
  @Column('text') channel: TicketChannel;
  @Column('text') subject: string;
  @Column('uuid', { nullable: true }) customerId: string | null;
  @Column('text') customerName: string;
  @Column('text', { nullable: true }) customerPhone: string | null;
  @Column('uuid', { nullable: true }) orderId: string | null;
  @Column('text', { nullable: true }) orderNumber: string | null;
  @Column('text') owner: string;
  @Column('text') openedBy: string;
  @Column('timestamptz') openedAt: Date;
  @Column('timestamptz') deadlineAt: Date;
  @Column('jsonb') notes: TicketNote[];
  @Column('timestamptz', { nullable: true }) firstResponseAt: Date | null;
  @Column('text', { nullable: true }) resolution: string | null;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  @Column('smallint', { nullable: true }) satisfaction: number | null;
  @Column('text', { nullable: true }) feedback: string | null;
  @Column('uuid', { nullable: true }) returnId: string | null;
  @Column('text', { nullable: true }) rmaNumber: string | null;
  /** Replacement orders raised from a complaint (migration 1765760000000). */
  @Column('jsonb', { default: () => "'[]'" }) replacementOrders: Array<{ orderId: string; orderNumber: string }>;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const ONLINE_SERVICE_ENTITIES = [BusinessAccountEntity, ServiceTicketEntity];
