import { Injectable } from '@nestjs/common';
import {
  pageWindow, ReferralRewardPaid, ReferralRewardRejected, SalesCatalog, type EventEnvelope, type IdRequest, type ListReferralRewardsQuery, type Page, type ReferralRewardPaidData,
  type ReferralRewardRejectedData, type ReferralRewardView, type RequestReferralRewardRequest, type VoidReferralRewardRequest,
} from '@ops/contracts';
import { businessNow, businessYear, DomainError, type Step } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, OnEvent, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { managerConfirm, paidByFinance, rejectedByFinance, repConfirm, requestReward, voidReward } from '../domain/referral-reward.js';
import { ReferralRewardEntity } from '../infra/persistence/referral-rewards.entities.js';
import { ReferralRewardStore } from '../infra/persistence/referral-rewards.stores.js';
import { CustomerEntity, OrderEntity } from '../infra/persistence/sales.entities.js';
import { usernameOf } from './outlet-access.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Referral rewards (老带新; rules in domain/referral-reward.ts): requested for a new customer's first placed order,
 * confirmed by the rep and a sales manager, sent to finance (`sales.referral-reward.confirmed`), and shown paid,
 * credited or void as finance answers. Thin: the rules are in the domain, the status written by the store.
 */
@Injectable()
export class ReferralRewards {
  constructor(private readonly rewards: ReferralRewardStore) {}

  @Handles(SalesCatalog.requestReferralReward)
  async request(request: RequestReferralRewardRequest, { tx, actor, cause }: CommandContext): Promise<ReferralRewardView> {
    // One reward per new customer: two requests for the same one queue here, and the second finds the first.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`referral-reward:${request.newCustomerId}`]);
    const customer = async (id: string, field: string) => {
      const row = await rowByKey(tx, CustomerEntity, 'id', id, { lock: false });
      if (!row) throw new DomainError('not_found', 'customer-not-found', `No customer ${id}`, [{ field, message: 'no such customer' }]);
      return row;
    };
    const referrer = await customer(request.referrerId, 'referrerId');
    const newCustomer = await customer(request.newCustomerId, 'newCustomerId');
    const order = await rowByKey(tx, OrderEntity, 'id', request.orderId, { lock: false });
    if (!order) throw new DomainError('not_found', 'order-not-found', `No order ${request.orderId}`, [{ field: 'orderId', message: 'no such order' }]);
    const [first]: Array<{ first: Date | null }> = await tx.query(`SELECT min(placed_at) AS first FROM orders WHERE customer_id = $1 AND placed_at IS NOT NULL`, [newCustomer.id]);
    const alreadyRewarded = (await tx.countBy(ReferralRewardEntity, { newCustomerId: newCustomer.id })) > 0;
    const at = businessNow();
    const step = requestReward(
      {
        referrer: { id: referrer.id, name: referrer.name, createdAt: referrer.createdAt, assignedRep: referrer.assignedRep },
        newCustomer: { id: newCustomer.id, name: newCustomer.name, createdAt: newCustomer.createdAt },
        order: { id: order.id, number: order.number, customerId: order.customerId, totalFen: order.totalFen, commercial: order.commercial, placedAt: order.placedAt },
        firstPlacedAt: first?.first ? new Date(first.first) : null,
        alreadyRewarded,
      },
      { id: uuidv7(), number: await nextDocumentNumber(tx, 'RR', businessYear(at)), note: request.note ?? null, requestedBy: usernameOf(actor), requestedAt: at },
    );
    return referralRewardView(await this.rewards.create(tx, step as unknown as Step<ReferralRewardEntity>, { actor, cause }));
  }

  @Handles(SalesCatalog.listReferralRewards)
  async list(query: ListReferralRewardsQuery, { tx }: CommandContext): Promise<Page<ReferralRewardView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: { status?: ReferralRewardEntity['status']; referrerId?: string } = {};
    if (query.status) where.status = query.status;
    if (query.referrerId) where.referrerId = query.referrerId;
    const [rows, total] = await tx.findAndCount(ReferralRewardEntity, { where, order: { requestedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(referralRewardView), page, pageSize, total };
  }

  @Handles(SalesCatalog.getReferralReward)
  async get(request: IdRequest, { tx }: CommandContext): Promise<ReferralRewardView> {
    return referralRewardView(await this.rewards.get(tx, request.id, { lock: false }));
  }

  @Handles(SalesCatalog.repConfirmReferralReward)
  async repConfirm(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<ReferralRewardView> {
    const { row } = await this.rewards.change(tx, request.id, async (r) => {
      const referrer = await rowByKey(tx, CustomerEntity, 'id', r.referrerId, { lock: false });
      return repConfirm(r, usernameOf(actor), referrer?.assignedRep ?? null);
    }, { actor, cause });
    return referralRewardView(row);
  }

  @Handles(SalesCatalog.managerConfirmReferralReward)
  async managerConfirm(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<ReferralRewardView> {
    const { row } = await this.rewards.change(tx, request.id, (r) => managerConfirm(r, usernameOf(actor), actor.roles, businessNow()), { actor, cause });
    return referralRewardView(row);
  }

  @Handles(SalesCatalog.voidReferralReward)
  async void(request: VoidReferralRewardRequest, { tx, actor, cause }: CommandContext): Promise<ReferralRewardView> {
    const { row } = await this.rewards.change(tx, request.id, (r) => voidReward(r, usernameOf(actor), request.reason), { actor, cause });
    return referralRewardView(row);
  }

  /** Finance's check found the referral false: void with finance's reason (a repeat changes nothing). */
  @OnEvent(ReferralRewardRejected, 'referral-reward-rejected')
  async onRejected(event: EventEnvelope<ReferralRewardRejectedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.rewards.change(tx, d.rewardId, (r) => rejectedByFinance(r, d.rejectedBy, d.reason), { actor: event.actor, cause: causedBy(event) });
  }

  /** Finance paid or credited it: shown paid or credited with the journal entry (a repeat changes nothing). */
  @OnEvent(ReferralRewardPaid, 'referral-reward-paid')
  async onPaid(event: EventEnvelope<ReferralRewardPaidData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.rewards.change(tx, d.rewardId, (r) => paidByFinance(r, { method: d.method, journalEntryNumber: d.journalEntryNumber, paidBy: d.paidBy, paidAt: new Date(d.paidAt) }), {
      actor: event.actor, cause: causedBy(event),
    });
  }
}

export function referralRewardView(r: ReferralRewardEntity): ReferralRewardView {
  return {
    id: r.id, number: r.number, status: r.status, referrerId: r.referrerId, referrerName: r.referrerName, newCustomerId: r.newCustomerId, newCustomerName: r.newCustomerName,
    orderId: r.orderId, orderNumber: r.orderNumber, orderTotalFen: r.orderTotalFen, orderPlacedAt: iso(r.orderPlacedAt)!, amountFen: r.amountFen, deadline: r.deadline, note: r.note,
    requestedBy: r.requestedBy, requestedAt: iso(r.requestedAt)!, repConfirmedBy: r.repConfirmedBy, managerConfirmedBy: r.managerConfirmedBy, confirmedAt: iso(r.confirmedAt),
    voidReason: r.voidReason, voidedBy: r.voidedBy, paymentMethod: r.paymentMethod, journalEntryNumber: r.journalEntryNumber, paidAt: iso(r.paidAt),
  };
}
