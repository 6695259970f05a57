import type { Role } from '@ops/kernel';
import { IdRequest } from '../common.js';
import { pageOf, type OperationSpec } from '../catalog.js';
import { ListReferralRewardsQuery, ReferralReasonBody, ReferralRewardView, RequestReferralRewardRequest, VoidReferralRewardRequest } from './referral-rewards.js';

const SALES: readonly Role[] = ['sales_rep', 'sales_manager', 'sales_vp', 'general_manager'];
const MANAGERS: readonly Role[] = ['sales_manager', 'sales_vp', 'general_manager'];

/** Referral rewards (老带新) in the sales catalogue: requested, confirmed by the rep and a sales manager, voided when false. */
export const SALES_REFERRAL_REWARD_OPERATIONS = {
  requestReferralReward: {
    kind: 'command', roles: SALES, request: RequestReferralRewardRequest, creates: true,
    http: { method: 'POST', path: 'sales/referral-rewards' },
    answers: ReferralRewardView, summary: 'Request a referral reward for a new customer\'s placed order (number RR-…)',
    errors: [
      404,
      { status: 409, description: 'The new customer already has a referral reward (`referral-reward-exists`)' },
      { status: 422, description: 'The referrer is the new customer (`referral-self`), the order is not the new customer\'s (`referral-order-not-customers`) or not placed (`referral-order-not-placed`), the customer had an earlier placed order (`referral-customer-not-new`), the referrer was registered after the new customer (`referral-referrer-not-existing`), or the reward comes to nothing (`referral-reward-zero`)' },
    ],
    description:
      'The reward is the policy\'s share of the order total, capped (domain/referral-reward.ts). A request made more than the allowed days after the order was placed ' +
      'is not refused: it is recorded `void` with reason `request-after-deadline` and never reaches finance.',
  },
  listReferralRewards: {
    kind: 'query', roles: SALES, request: ListReferralRewardsQuery,
    http: { method: 'GET', path: 'sales/referral-rewards' },
    answers: pageOf(ReferralRewardView), summary: 'Referral rewards, newest first (CSV too)',
  },
  getReferralReward: {
    kind: 'query', roles: SALES, request: IdRequest,
    http: { method: 'GET', path: 'sales/referral-rewards/:id' },
    answers: ReferralRewardView, summary: 'Read a referral reward', errors: [404],
  },
  repConfirmReferralReward: {
    kind: 'command', roles: SALES, request: IdRequest,
    http: { method: 'POST', path: 'sales/referral-rewards/:id/rep-confirm' },
    answers: ReferralRewardView, summary: 'The rep confirms the referral (the referrer\'s assigned rep or the requesting rep)',
    rolesNote: 'Only the referrer\'s assigned rep or the rep who requested it (`referral-not-your-customer`, 403).',
    errors: [404, { status: 403, description: 'Not the referrer\'s rep nor the requester (`referral-not-your-customer`)' }, { status: 409, description: 'Not awaiting the rep (`referral-reward-transition-refused`)' }],
  },
  managerConfirmReferralReward: {
    kind: 'command', roles: MANAGERS, request: IdRequest,
    http: { method: 'POST', path: 'sales/referral-rewards/:id/manager-confirm' },
    answers: ReferralRewardView, summary: 'A sales manager confirms the referral: it goes to finance',
    rolesNote: 'Never the person who requested it or confirmed it as rep (`referral-same-person`, 403).',
    errors: [404, { status: 403, description: 'The requester or the rep who confirmed it (`referral-same-person`)' }, { status: 409, description: 'Not rep-confirmed (`referral-reward-transition-refused`)' }],
    description: 'Publishes `sales.referral-reward.confirmed`; finance answers `finance.referral-reward.paid` (the reward shows paid or credited) or `finance.referral-reward.rejected` (void).',
  },
  voidReferralReward: {
    kind: 'command', roles: MANAGERS, request: VoidReferralRewardRequest,
    http: { method: 'POST', path: 'sales/referral-rewards/:id/void', body: ReferralReasonBody },
    answers: ReferralRewardView, summary: 'A sales manager voids a referral that proved false, with the reason',
    errors: [404, { status: 409, description: 'Already with finance, paid or void (`referral-reward-transition-refused`): finance\'s check rejects a false one it holds' }],
  },
} satisfies Record<string, OperationSpec>;
