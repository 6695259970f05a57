import { DomainError, refuseSelfApproval, StateMachine, type FieldError, type Person, type Step } from '@ops/kernel';

/**
 * A business account of the online store (domain.md, business accounts): a buyer (linked to a sales
 * customer), a supplier or a service provider (a forwarder, a carrier, …), registered with its unified social
 * credit code and the references of its documents, and reviewed by someone other than the registrant before it
 * may trade. An approved account may be suspended, and reinstated, each with a reason.
 */
export type BusinessAccountStatus = 'pending_review' | 'approved' | 'rejected' | 'suspended';
export type BusinessAccountKind = 'buyer' | 'supplier' | 'service_provider';

export const BUSINESS_ACCOUNT = new StateMachine<BusinessAccountStatus>('business account', {
  pending_review: ['approved', 'rejected'],
  approved: ['suspended'],
  suspended: ['approved'],
  rejected: [],
});

/** Who reviews, suspends and reinstates accounts: the online store's operator or a sales manager and above. */
export const ACCOUNT_REVIEWER_ROLES = ['ecommerce_operator', 'sales_manager', 'sales_vp', 'general_manager', 'admin'] as const;

export interface BusinessDocument {
  kind: string;
  reference: string;
}

export interface BusinessAccount {
  id: string;
  number: string;
  kind: BusinessAccountKind;
  subKind: string | null;
  status: BusinessAccountStatus;
  companyName: string;
  creditCode: string;
  customerId: string | null;
  documents: BusinessDocument[];
  registeredBy: string;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  decisionReason: string | null;
}

/** 统一社会信用代码: 18 characters from digits and capitals without I, O, S, V, Z; characters 3–8 are the region's six digits. */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function isCreditCodeShape(code: string): boolean {
  return CREDIT_CODE.test(code);
}

export interface Registration {
  kind: BusinessAccountKind;
  subKind?: string | null;
  creditCode: string;
  customerId?: string | null;
  documents?: readonly BusinessDocument[];
}

/** What a registration must hold, refused field by field (422): the code's shape, a buyer's customer and no one else's, documents named once. */
export function checkRegistration(r: Registration): void {
  const problems: FieldError[] = [];
  if (!isCreditCodeShape(r.creditCode)) problems.push({ field: 'creditCode', message: 'must be a unified social credit code: 18 digits and capitals (no I, O, S, V, Z), characters 3–8 digits' });
  if (r.kind === 'buyer' && !r.customerId) problems.push({ field: 'customerId', message: 'a buyer account names its sales customer' });
  if (r.kind !== 'buyer' && r.customerId) problems.push({ field: 'customerId', message: 'only a buyer account names a sales customer' });
  const seen = new Set<string>();
  (r.documents ?? []).forEach((d, i) => {
    const key = `${d.kind}|${d.reference}`;
    if (seen.has(key)) problems.push({ field: `documents[${i}]`, message: 'is listed twice' });
    seen.add(key);
  });
  if (problems.length) throw new DomainError('rule_violated', 'business-account-invalid', 'The registration is not complete', problems);
}

/** A new account waits for review. `registeredBy` and the reviewers' ids are usernames. */
export function register<A extends BusinessAccount>(account: A): Step<A> {
  checkRegistration(account);
  return {
    state: { ...account, status: 'pending_review' },
    transitions: [{ from: 'new', to: 'pending_review', reason: `registered by ${account.registeredBy} for review` }],
    events: [],
  };
}

function refuseUnlessReviewer(actor: Person): void {
  if (!actor.roles.some((r) => (ACCOUNT_REVIEWER_ROLES as readonly string[]).includes(r))) {
    throw new DomainError('forbidden', 'not-account-reviewer', 'Business accounts are reviewed by the e-commerce operator or a sales manager and above');
  }
}

function refuseRegistrant(a: BusinessAccount, actor: Person): void {
  refuseSelfApproval({ kind: 'business account', number: a.number, createdBy: a.registeredBy }, actor.userId);
}

function approvedEvent(a: BusinessAccount, by: string, at: Date, reinstated: boolean) {
  return {
    type: 'sales.business-account.approved',
    data: {
      accountId: a.id, number: a.number, kind: a.kind, subKind: a.subKind, companyName: a.companyName, creditCode: a.creditCode, customerId: a.customerId,
      reinstated, approvedBy: by, approvedAt: at.toISOString(),
    },
  };
}

/** Reviewed and approved by someone other than the registrant: the account may trade. */
export function approve<A extends BusinessAccount>(a: A, actor: Person, at: Date): Step<A> {
  refuseUnlessReviewer(actor);
  refuseRegistrant(a, actor);
  const t = BUSINESS_ACCOUNT.move(a.status, 'approved', `reviewed and approved by ${actor.userId}`, `Business account ${a.number}`);
  return { state: { ...a, status: t.to, reviewedBy: actor.userId, reviewedAt: at, decisionReason: null }, transitions: [t], events: [approvedEvent(a, actor.userId, at, false)] };
}

export function reject<A extends BusinessAccount>(a: A, actor: Person, reason: string, at: Date): Step<A> {
  refuseUnlessReviewer(actor);
  refuseRegistrant(a, actor);
  const why = requireReason(reason);
  const t = BUSINESS_ACCOUNT.move(a.status, 'rejected', `rejected by ${actor.userId}: ${why}`, `Business account ${a.number}`);
  return { state: { ...a, status: t.to, reviewedBy: actor.userId, reviewedAt: at, decisionReason: why }, transitions: [t], events: [] };
}

/** An approved account stops trading, with a reason; others hear `sales.business-account.suspended`. */
export function suspend<A extends BusinessAccount>(a: A, actor: Person, reason: string, at: Date): Step<A> {
  refuseUnlessReviewer(actor);
  const why = requireReason(reason);
  const t = BUSINESS_ACCOUNT.move(a.status, 'suspended', `suspended by ${actor.userId}: ${why}`, `Business account ${a.number}`);
  return {
    state: { ...a, status: t.to, decisionReason: why },
    transitions: [t],
    events: [{
      type: 'sales.business-account.suspended',
      data: {
        accountId: a.id, number: a.number, kind: a.kind, subKind: a.subKind, companyName: a.companyName, creditCode: a.creditCode, customerId: a.customerId,
        reason: why, suspendedBy: actor.userId, suspendedAt: at.toISOString(),
      },
    }],
  };
}

/** A suspended account trades again, with a reason; announced as approved (`reinstated`). */
export function reinstate<A extends BusinessAccount>(a: A, actor: Person, reason: string, at: Date): Step<A> {
  refuseUnlessReviewer(actor);
  const why = requireReason(reason);
  if (a.status !== 'suspended') throw new DomainError('conflict', 'business-account-not-suspended', `Business account ${a.number} is ${a.status.replace(/_/g, ' ')}, not suspended`);
  const t = BUSINESS_ACCOUNT.move(a.status, 'approved', `reinstated by ${actor.userId}: ${why}`, `Business account ${a.number}`);
  return { state: { ...a, status: t.to, decisionReason: why }, transitions: [t], events: [approvedEvent(a, actor.userId, at, true)] };
}

function requireReason(reason: string): string {
  const why = (reason ?? '').trim();
  if (!why) throw new DomainError('invalid', 'reason-required', 'A reason is required', [{ field: 'reason', message: 'must not be blank' }]);
  return why;
}

/**
 * A buyer may order only while its account is approved; a customer without a buyer account trades as before.
 * 422 `business-account-not-approved` naming the state.
 */
export function refuseUnlessMayTrade(account: { number: string; status: BusinessAccountStatus } | null, customerName: string): void {
  if (!account || account.status === 'approved') return;
  const state = account.status.replace(/_/g, ' ');
  throw new DomainError('rule_violated', 'business-account-not-approved', `${customerName}'s buyer account ${account.number} is ${state}: it may not order until the account is approved`, [
    { field: 'customerId', message: `buyer account ${account.number} is ${state}` },
  ]);
}
