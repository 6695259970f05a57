import { addDays, addMonths, DomainError, note, StateMachine, type BusinessDate, type Step } from '@ops/kernel';

/**
 * Leads (制度10, 業績歸屬): a customer known by name and phone. The first consultant to register the phone
 * owns the lead while they follow it up at least every two months; after two months without a follow-up
 * ownership lapses and the lead is back in the pool for the next registrant. Two consultants who served
 * the same customer unknowingly and registered within a week share it 50/50. Any other competing claim is
 * a dispute the sales manager decides.
 */
export const LEAD_STATUSES = ['owned', 'shared', 'pool'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Months a lead stays with its owner after the last follow-up. */
export const FOLLOW_UP_MONTHS = 2;
/** Days within which a second registrant of the same customer shares the credit instead of disputing it. */
export const COLLISION_DAYS = 7;

export const leadMachine = new StateMachine<LeadStatus>('lead', {
  owned: ['shared', 'pool', 'owned'],
  shared: ['pool', 'owned', 'shared'],
  pool: ['owned'],
});

export interface LeadOwner {
  consultant: string;
  /** Percent of the credit: 100, or 50 each when shared. */
  share: number;
  since: BusinessDate;
}

export interface Lead {
  id: string;
  phone: string;
  name: string;
  status: LeadStatus;
  owners: LeadOwner[];
  /** The business date the current ownership began (the first registrant's date while shared). */
  ownedSince: BusinessDate | null;
  lastFollowUpOn: BusinessDate | null;
}

/** The last business date the owners keep the lead without a new follow-up. */
export function ownedUntil(lead: Pick<Lead, 'status' | 'lastFollowUpOn'>): BusinessDate | null {
  return lead.status === 'pool' || !lead.lastFollowUpOn ? null : addMonths(lead.lastFollowUpOn, FOLLOW_UP_MONTHS);
}

/** Whether ownership has lapsed on `today`: more than two months since the last follow-up. */
export function hasLapsed(lead: Pick<Lead, 'status' | 'lastFollowUpOn'>, today: BusinessDate): boolean {
  const until = ownedUntil(lead);
  return until !== null && today > until;
}

/** The lead as it stands on `today`: lapsed ownership reads as the pool, whether or not the daily job has run. */
export function effectiveStatus(lead: Pick<Lead, 'status' | 'lastFollowUpOn'>, today: BusinessDate): LeadStatus {
  return hasLapsed(lead, today) ? 'pool' : lead.status;
}

export const isOwner = (lead: Pick<Lead, 'owners'>, consultant: string) => lead.owners.some((o) => o.consultant === consultant);

/** Ownership lapses: back to the pool (the daily job, or a registration that finds it lapsed). */
export function lapse<L extends Lead>(lead: L, today: BusinessDate): Step<L> {
  if (!hasLapsed(lead, today)) return { state: lead, transitions: [], events: [] };
  const owners = lead.owners.map((o) => o.consultant).join(', ');
  return {
    state: { ...lead, status: 'pool', owners: [], ownedSince: null },
    transitions: [leadMachine.move(lead.status, 'pool', `No follow-up since ${lead.lastFollowUpOn} (${FOLLOW_UP_MONTHS} months to ${ownedUntil(lead)}): ${owners} lost the lead`)],
    events: [],
  };
}

/** A new lead, owned by whoever registered it. */
export function newLead<L extends Lead>(lead: Omit<L, 'status' | 'owners' | 'ownedSince' | 'lastFollowUpOn'>, consultant: string, today: BusinessDate): Step<L> {
  return {
    state: { ...lead, status: 'owned', owners: [{ consultant, share: 100, since: today }], ownedSince: today, lastFollowUpOn: today } as L,
    transitions: [{ from: 'new', to: 'owned', reason: `Registered by ${consultant}` }],
    events: [],
  };
}

export type Registration = 'new' | 'from_pool' | 'shared' | 'disputed';

/**
 * A consultant registers a customer the platform already knows. From the pool (or lapsed): theirs. Owned
 * by one other consultant since at most a week: shared 50/50. Otherwise the lead stays as it is and the
 * claim becomes a dispute (the caller records it).
 */
export function registerAgain<L extends Lead>(lead: L, consultant: string, today: BusinessDate): Step<L> & { registration: Registration } {
  const lapsed = lapse(lead, today);
  const current = lapsed.state;
  if (current.status === 'pool') {
    return {
      state: { ...current, status: 'owned', owners: [{ consultant, share: 100, since: today }], ownedSince: today, lastFollowUpOn: today },
      transitions: [...lapsed.transitions, leadMachine.move('pool', 'owned', `Registered from the pool by ${consultant}`)],
      events: [], registration: 'from_pool',
    };
  }
  if (isOwner(current, consultant)) throw new DomainError('conflict', 'lead-already-yours', `You already own the lead for ${current.phone}; log a follow-up instead`);
  if (current.status === 'owned' && current.ownedSince && today <= addDays(current.ownedSince, COLLISION_DAYS)) {
    const first = current.owners[0];
    return {
      state: { ...current, status: 'shared', owners: [{ ...first, share: 50 }, { consultant, share: 50, since: today }], lastFollowUpOn: today },
      transitions: [leadMachine.move('owned', 'shared', `${consultant} also served the customer and registered within ${COLLISION_DAYS} days of ${first.consultant}: credit shared 50/50`)],
      events: [], registration: 'shared',
    };
  }
  return {
    state: current,
    transitions: [note(current.status, `${consultant} claimed the lead owned by ${current.owners.map((o) => o.consultant).join(', ')}: a dispute for the sales manager`)],
    events: [], registration: 'disputed',
  };
}

/** An owner logs a follow-up: ownership runs two months from today. */
export function followUp<L extends Lead>(lead: L, consultant: string, today: BusinessDate): Step<L> {
  if (hasLapsed(lead, today) || lead.status === 'pool') throw new DomainError('conflict', 'lead-lapsed', `The lead for ${lead.phone} is in the pool: register it to own it again`);
  if (!isOwner(lead, consultant)) throw new DomainError('forbidden', 'not-lead-owner', 'Only an owner of the lead logs its follow-ups');
  return { state: { ...lead, lastFollowUpOn: today }, transitions: [note(lead.status, `Followed up by ${consultant}`)], events: [] };
}

/** A claim on a lead someone else owns, outside the week that would have shared it: open until the sales manager decides. */
export function openDispute<D extends { status: 'open' | 'decided'; claimant: string; owners: string[] }>(claim: Omit<D, 'status'>): Step<D> {
  return { state: { ...claim, status: 'open' } as D, transitions: [{ from: 'new', to: 'open', reason: `${claim.claimant} claims the lead of ${claim.owners.join(', ')}` }], events: [] };
}

export const DISPUTE_AWARDS = ['claimant', 'owners', 'shared'] as const;
export type DisputeAward = (typeof DISPUTE_AWARDS)[number];

/**
 * The sales manager decides a dispute: the claimant takes the lead alone, the owners keep it, or — when it
 * has one owner — the two share it 50/50. The decision and its reason go into the lead's history.
 */
export function decideDispute<L extends Lead>(lead: L, claimant: string, award: DisputeAward, reason: string, today: BusinessDate): Step<L> {
  const because = `Dispute decided (${award}): ${reason}`;
  if (award === 'owners') return { state: lead, transitions: [note(lead.status, because)], events: [] };
  if (award === 'claimant') {
    return {
      state: { ...lead, status: 'owned', owners: [{ consultant: claimant, share: 100, since: today }], ownedSince: today, lastFollowUpOn: today },
      transitions: [leadMachine.move(lead.status, 'owned', `${because}; ${claimant} owns the lead`)],
      events: [],
    };
  }
  if (lead.owners.length !== 1) {
    throw new DomainError('rule_violated', 'share-needs-one-owner', 'Only a lead with one owner can be shared with the claimant', [{ field: 'award', message: 'the lead is not held by one owner' }]);
  }
  return {
    state: { ...lead, status: 'shared', owners: [{ ...lead.owners[0], share: 50 }, { consultant: claimant, share: 50, since: today }], lastFollowUpOn: today },
    transitions: [leadMachine.move(lead.status, 'shared', `${because}; shared 50/50 with ${claimant}`)],
    events: [],
  };
}
