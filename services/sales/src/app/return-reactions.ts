import { Injectable } from '@nestjs/common';
import {
  CreditNoteIssued, RefundIssued, ReturnReceived, type CreditNoteIssuedData, type EventEnvelope, type RefundIssuedData, type ReturnReceivedData,
} from '@ops/contracts';
import type { Step } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { OnEvent } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { credited, goodsReceived, refunded } from '../domain/return.js';
import type { ReturnEntity } from '../infra/persistence/sales.entities.js';
import { ReturnStore } from '../infra/persistence/stores.js';

/** How sales keeps its returns in step with the warehouse (goods back) and finance (credit note, refund paid). */
@Injectable()
export class ReturnReactions {
  constructor(private readonly returns: ReturnStore) {}

  @OnEvent(ReturnReceived, 'return-goods-received')
  async onReturnReceived(event: EventEnvelope<ReturnReceivedData>, tx: EntityManager): Promise<void> {
    await this.advance(tx, event, event.data.returnId, (r) => goodsReceived(r, event.data.lines, new Date(event.occurredAt)));
  }

  @OnEvent(CreditNoteIssued, 'return-credited')
  async onCreditNoteIssued(event: EventEnvelope<CreditNoteIssuedData>, tx: EntityManager): Promise<void> {
    await this.advance(tx, event, event.data.returnId, (r) => credited(r, { number: event.data.number, refundFen: event.data.refundFen }, new Date(event.occurredAt)));
  }

  /** Only a refund of a return's credit concerns returns; a cancelled order's refund carries no returnId. */
  @OnEvent(RefundIssued, 'return-refunded')
  async onRefundIssued(event: EventEnvelope<RefundIssuedData>, tx: EntityManager): Promise<void> {
    if (!event.data.returnId) return;
    await this.advance(tx, event, event.data.returnId, (r) => refunded(r, event.data.amountFen, new Date(event.data.paidAt)));
  }

  private async advance(tx: EntityManager, event: EventEnvelope<unknown>, returnId: string, step: (r: ReturnEntity) => Step<ReturnEntity>): Promise<void> {
    await this.returns.change(tx, returnId, step, { actor: event.actor, cause: causedBy(event) });
  }
}
