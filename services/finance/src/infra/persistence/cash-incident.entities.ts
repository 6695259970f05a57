import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An incident security reported with cash involved (a till short, a robbery), flagged for finance to follow up. One per incident; appended only. */
@Entity('cash_incidents')
export class CashIncidentEntity {
  @PrimaryColumn('uuid') incidentId: string;
  @Column('text') incidentNumber: string;
  @Column('text') type: string;
  @Column('text') severity: string;
  @Column('text') location: string;
  @Column('timestamptz') occurredAt: Date;
  @Column('text') description: string;
  @Column('text') reportedBy: string;
  @Column('bigint', { nullable: true }) cashAmountFen: string | number | null;
  @Column('timestamptz', { default: () => 'now()' }) flaggedAt: Date;
}
