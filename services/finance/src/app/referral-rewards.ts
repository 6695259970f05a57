import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, ReferralRewardConfirmed, type EventEnvelope, type FinanceReferralRewardView, type IdRequest, type ListFinanceReferralRewardsQuery, type Page,
  type PayReferralRewardRequest, type ReferralRewardConfirmedData, type RejectReferralRewardRequest,
} from '@ops/contracts';
import { businessNow, formatFen, type Step } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { Handles, OnEvent, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { approveReward, assertPayable, payReward, receiveReward, referralRewardEntry, rejectReward } from '../domain/referral-reward.js';
import { FinanceReferralRewardEntity } from '../infra/persistence/referral-rewards.entities.js';
import { FinanceReferralRewardStore } from '../infra/persistence/referral-rewards.stores.js';
import { CustomerLedger } from './customer-ledger.js';
import { post } from './journal.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const nameOf = (actor: { username?: string; userId: string }) => actor.username ?? actor.userId;

/**
 * Referral rewards in finance (rules in domain/referral-reward.ts): each `sales.referral-reward.confirmed` recorded
 * once; checked (approved, or rejected as false: `finance.referral-reward.rejected`); paid in cash or by transfer, or
 * credited to the referrer's prepayment (through the customer ledger, so their next order uses it), with the entry
 * posted beside it and `finance.referral-reward.paid` telling sales.
 */
@Injectable()
export class ReferralRewardsFinance {
  constructor(private readonly rewards: FinanceReferralRewardStore, private readonly ledger: CustomerLedger) {}

  @OnEvent(ReferralRewardConfirmed, 'record-referral-reward')
  async onConfirmed(event: EventEnvelope<ReferralRewardConfirmedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    // The same reward heard twice at once waits here, then finds it recorded.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`referral-reward:${d.rewardId}`]);
    if (await tx.existsBy(FinanceReferralRewardEntity, { id: d.rewardId })) return;
    const step = receiveReward({
      id: d.rewardId, number: d.number, referrerId: d.referrerId, referrerName: d.referrerName, newCustomerId: d.newCustomerId, newCustomerName: d.newCustomerName,
      orderId: d.orderId, orderNumber: d.orderNumber, orderTotalFen: d.orderTotalFen, amountFen: d.amountFen, requestedBy: d.requestedBy, managerConfirmedBy: d.managerConfirmedBy,
      receivedAt: businessNow(),
    });
    await this.rewards.create(tx, step as unknown as Step<FinanceReferralRewardEntity>, { actor: event.actor, cause: causedBy(event) });
  }

  @Handles(FinanceCatalog.listFinanceReferralRewards)
  async list(query: ListFinanceReferralRewardsQuery, { tx }: CommandContext): Promise<Page<FinanceReferralRewardView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(FinanceReferralRewardEntity, {
      where: query.status ? { status: query.status } : {}, order: { receivedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map(financeReferralRewardView), page, pageSize, total };
  }

  @Handles(FinanceCatalog.approveReferralReward)
  async approve(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<FinanceReferralRewardView> {
    const { row } = await this.rewards.change(tx, request.id, (r) => approveReward(r, nameOf(actor), businessNow()), { actor, cause });
    return financeReferralRewardView(row);
  }

  @Handles(FinanceCatalog.rejectReferralReward)
  async reject(request: RejectReferralRewardRequest, { tx, actor, cause }: CommandContext): Promise<FinanceReferralRewardView> {
    const { row } = await this.rewards.change(tx, request.id, (r) => rejectReward(r, nameOf(actor), request.reason, businessNow()), { actor, cause });
    return financeReferralRewardView(row);
  }

  @Handles(FinanceCatalog.payReferralReward)
  async pay(request: PayReferralRewardRequest, { tx, actor, cause }: CommandContext): Promise<FinanceReferralRewardView> {
    const acting = { actor, cause };
    const by = nameOf(actor);
    const reward = await this.rewards.get(tx, request.id);
    assertPayable(reward, by);
    const lines = referralRewardEntry(request.method, reward.amountFen);
    const entryId = await post(tx, {
      sourceType: 'referral_reward', sourceId: reward.id, customerId: reward.referrerId, postedBy: actor.userId,
      memo: `Referral reward ${reward.number} for ${reward.referrerName} (brought ${reward.newCustomerName}, order ${reward.orderNumber}): ${formatFen(reward.amountFen)} ${request.method === 'credit' ? 'credited' : `paid by ${request.method}`}`,
      lines,
    });
    const [{ number }]: Array<{ number: string }> = await tx.query(`SELECT number FROM journal_entries WHERE id = $1`, [entryId]);
    const { row } = await this.rewards.apply(tx, reward, (r) => payReward(r, { method: request.method, bankReference: request.bankReference ?? null, by, at: businessNow(), journalEntryNumber: number }), acting);
    // Credited: held for the referrer as a prepayment (2203 above), used for their next order as an overpayment is.
    if (request.method === 'credit') await this.ledger.addPrepayment(tx, reward.referrerId, null, reward.amountFen, 'referral_reward', acting);
    return financeReferralRewardView(row);
  }
}

export function financeReferralRewardView(r: FinanceReferralRewardEntity): FinanceReferralRewardView {
  return {
    id: r.id, number: r.number, status: r.status, referrerId: r.referrerId, referrerName: r.referrerName, newCustomerId: r.newCustomerId, newCustomerName: r.newCustomerName,
    orderId: r.orderId, orderNumber: r.orderNumber, orderTotalFen: r.orderTotalFen, amountFen: r.amountFen, requestedBy: r.requestedBy, managerConfirmedBy: r.managerConfirmedBy,
    receivedAt: iso(r.receivedAt)!, checkedBy: r.checkedBy, checkedAt: iso(r.checkedAt), rejectReason: r.rejectReason, method: r.method, bankReference: r.bankReference,
    paidBy: r.paidBy, paidAt: iso(r.paidAt), journalEntryNumber: r.journalEntryNumber,
  };
}
