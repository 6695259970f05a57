import { Injectable } from '@nestjs/common';
import {
  CustomerCreditHold, CustomerCreditReleased, ReceivableChanged, type CreditHoldData, type EventEnvelope, type ReceivableChangedData,
} from '@ops/contracts';
import { OnEvent } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { CustomerEntity } from '../infra/persistence/sales.entities.js';

/** Sales keeps finance's word on each customer locally, so placing an order never waits on finance (domain.md §4.4). */
@Injectable()
export class CreditReactions {
  /** Events of one customer may arrive out of order; only a newer revision replaces what is known. */
  @OnEvent(ReceivableChanged, 'customer-receivable')
  async onReceivableChanged(event: EventEnvelope<ReceivableChangedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await tx.createQueryBuilder().update(CustomerEntity)
      .set({ openReceivableFen: d.openFen, overdueFen: d.overdueFen, receivableRevision: d.revision })
      .where('id = :id AND receivable_revision < :revision', { id: d.customerId, revision: d.revision })
      .execute();
  }

  @OnEvent(CustomerCreditHold, 'customer-credit-hold')
  async onCreditHold(event: EventEnvelope<CreditHoldData>, tx: EntityManager): Promise<void> {
    await this.setHold(tx, event, true);
  }

  @OnEvent(CustomerCreditReleased, 'customer-credit-released')
  async onCreditReleased(event: EventEnvelope<CreditHoldData>, tx: EntityManager): Promise<void> {
    await this.setHold(tx, event, false);
  }

  /** Hold and release come through separate consumers; the later decision wins, whichever arrives last. */
  private async setHold(tx: EntityManager, event: EventEnvelope<CreditHoldData>, onHold: boolean): Promise<void> {
    await tx.createQueryBuilder().update(CustomerEntity)
      .set({ onHold, holdReason: onHold ? event.data.reason : null, holdChangedAt: new Date(event.occurredAt) })
      .where('id = :id AND (hold_changed_at IS NULL OR hold_changed_at < :at)', { id: event.data.customerId, at: new Date(event.occurredAt) })
      .execute();
  }
}
