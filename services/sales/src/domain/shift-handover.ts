import { DomainError, formatFen, note, StateMachine, type DomainEvent, type Step } from '@ops/kernel';

/**
 * A shift handover at an outlet's till (交接班): the outgoing person counts the drawer against
 * the shift's tickets and checks the goods, and the incoming person confirms. The shift runs from the previous
 * confirmed handover of the day (or the day's opening check) until the count. The drawer should hold the float
 * (the opening check's for the day's first shift, else the float the previous handover left) plus the cash of
 * the tickets paid in the shift, net of change, less the cash of tickets voided in the shift. Any difference —
 * over or short — is explained before the incoming person may confirm; confirming tells finance.
 */
export type ShiftHandoverStatus = 'counted' | 'confirmed';

export const SHIFT_HANDOVER = new StateMachine<ShiftHandoverStatus>('shift handover', {
  counted: ['confirmed'],
  confirmed: [],
});

/** The money of one ticket in the shift, by tender (cash net of change). */
export interface TenderTotals {
  cashFen: number;
  posFen: number;
  transferFen: number;
}

export interface ShiftFigures extends TenderTotals {
  /** The shift's paid tickets, voids taken out. */
  ticketCount: number;
  /** The float the shift started with. */
  openingFloatFen: number;
  /** Cash of tickets voided in the shift (handed back). */
  voidedCashFen: number;
  expectedCashFen: number;
}

/**
 * The shift's figures: `paid` are the tickets paid in the shift, `voided` those voided in it (wherever they
 * were paid). Expected cash = float + cash paid − cash voided; POS and transfer are net of voids likewise.
 */
export function shiftFigures(openingFloatFen: number, paid: TenderTotals[], voided: TenderTotals[]): ShiftFigures {
  const sum = (list: TenderTotals[], k: keyof TenderTotals) => list.reduce((n, t) => n + t[k], 0);
  const voidedCashFen = sum(voided, 'cashFen');
  return {
    ticketCount: Math.max(0, paid.length - voided.length),
    openingFloatFen,
    cashFen: sum(paid, 'cashFen') - voidedCashFen,
    posFen: sum(paid, 'posFen') - sum(voided, 'posFen'),
    transferFen: sum(paid, 'transferFen') - sum(voided, 'transferFen'),
    voidedCashFen,
    expectedCashFen: openingFloatFen + sum(paid, 'cashFen') - voidedCashFen,
  };
}

export interface ShiftHandover {
  id: string;
  outletId: string;
  outletCode: string;
  businessDate: string;
  status: ShiftHandoverStatus;
  handedOverBy: string;
  takenOverBy: string;
  shiftStart: Date;
  countedAt: Date;
  ticketCount: number;
  openingFloatFen: number;
  cashFen: number;
  posFen: number;
  transferFen: number;
  voidedCashFen: number;
  expectedCashFen: number;
  countedCashFen: number;
  differenceFen: number;
  floatFen: number;
  goodsChecked: boolean;
  goodsNotes: string | null;
  explanation: string | null;
  explainedBy: string | null;
  confirmedAt: Date | null;
}

export interface HandoverCount {
  id: string;
  outletId: string;
  outletCode: string;
  businessDate: string;
  handedOverBy: string;
  takenOverBy: string;
  shiftStart: Date;
  at: Date;
  figures: ShiftFigures;
  countedCashFen: number;
  floatFen: number;
  goodsChecked: boolean;
  goodsNotes?: string | null;
  explanation?: string | null;
}

/** counted − expected: positive is over, negative short. */
export const differenceOf = (countedCashFen: number, expectedCashFen: number): number => countedCashFen - expectedCashFen;

const signed = (fen: number) => (fen > 0 ? `over ${formatFen(fen)}` : fen < 0 ? `short ${formatFen(-fen)}` : 'agrees');

/**
 * The outgoing person's count. Refused (422) when the incoming person is the outgoing one, when the goods were
 * not checked, or when the float left for the next shift is more than the cash counted.
 */
export function countHandover(count: HandoverCount): Step<ShiftHandover> {
  if (count.takenOverBy === count.handedOverBy) {
    throw new DomainError('rule_violated', 'handover-to-self', 'The till is handed over to someone else: the incoming person confirms', [{ field: 'takenOverBy', message: 'must be someone other than the person handing over' }]);
  }
  if (!count.goodsChecked) {
    throw new DomainError('rule_violated', 'goods-not-checked', 'The goods are checked with the cash before the till is handed over', [{ field: 'goodsChecked', message: 'the goods must be checked (note any discrepancy in goodsNotes)' }]);
  }
  if (count.floatFen > count.countedCashFen) {
    throw new DomainError('rule_violated', 'float-exceeds-cash', `The float left (${formatFen(count.floatFen)}) is more than the cash counted (${formatFen(count.countedCashFen)})`, [{ field: 'floatFen', message: 'cannot exceed the cash counted' }]);
  }
  const f = count.figures;
  const differenceFen = differenceOf(count.countedCashFen, f.expectedCashFen);
  const explanation = count.explanation?.trim() || null;
  const state: ShiftHandover = {
    id: count.id, outletId: count.outletId, outletCode: count.outletCode, businessDate: count.businessDate, status: 'counted',
    handedOverBy: count.handedOverBy, takenOverBy: count.takenOverBy, shiftStart: count.shiftStart, countedAt: count.at,
    ticketCount: f.ticketCount, openingFloatFen: f.openingFloatFen, cashFen: f.cashFen, posFen: f.posFen, transferFen: f.transferFen, voidedCashFen: f.voidedCashFen,
    expectedCashFen: f.expectedCashFen, countedCashFen: count.countedCashFen, differenceFen, floatFen: count.floatFen,
    goodsChecked: count.goodsChecked, goodsNotes: count.goodsNotes?.trim() || null,
    explanation, explainedBy: explanation ? count.handedOverBy : null, confirmedAt: null,
  };
  return {
    state,
    transitions: [{ from: 'new', to: 'counted', reason: `Counted ${formatFen(count.countedCashFen)} against ${formatFen(f.expectedCashFen)} expected (${signed(differenceFen)}); to ${count.takenOverBy}` }],
    events: [],
  };
}

/** Why the cash was over or short; only while the handover waits for confirmation, by one of its two people. */
export function explainHandover<H extends ShiftHandover>(handover: H, explanation: string, by: string): Step<H> {
  if (handover.status !== 'counted') throw new DomainError('conflict', 'handover-confirmed', 'A confirmed handover is history: its explanation is kept as it was');
  if (by !== handover.handedOverBy && by !== handover.takenOverBy) throw new DomainError('forbidden', 'not-your-handover', 'Only the two people of a handover explain its difference');
  const text = explanation.trim();
  if (!text) throw new DomainError('invalid', 'invalid-request', 'An explanation says why the cash differs', [{ field: 'explanation', message: 'must not be empty' }]);
  return { state: { ...handover, explanation: text, explainedBy: by }, transitions: [note(handover.status, `Explained by ${by}: ${text}`)], events: [] };
}

/**
 * The incoming person confirms: only the person named to take over (never the outgoing one), and only once any
 * difference is explained (422 `handover-difference-unexplained`). Tells finance (`sales.shift.handed-over`).
 */
export function confirmHandover<H extends ShiftHandover>(handover: H, by: string, at: Date): Step<H> {
  if (by === handover.handedOverBy) throw new DomainError('forbidden', 'handover-to-self', 'The person handing over does not confirm their own handover');
  if (by !== handover.takenOverBy) throw new DomainError('forbidden', 'not-incoming-person', `Only ${handover.takenOverBy}, who takes over the till, confirms this handover`);
  if (handover.differenceFen !== 0 && !handover.explanation) {
    throw new DomainError('rule_violated', 'handover-difference-unexplained', `The cash is ${signed(handover.differenceFen)}: it is explained before the handover is confirmed`, [{ field: 'explanation', message: 'the difference must be explained first' }]);
  }
  const t = SHIFT_HANDOVER.move(handover.status, 'confirmed', `Taken over by ${by}`, 'A handover');
  const state = { ...handover, status: 'confirmed' as const, confirmedAt: at };
  const event: DomainEvent = {
    type: 'sales.shift.handed-over',
    data: {
      handoverId: state.id, outletId: state.outletId, outletCode: state.outletCode, businessDate: state.businessDate, handedOverBy: state.handedOverBy, takenOverBy: state.takenOverBy,
      ticketCount: state.ticketCount, expectedCashFen: Math.max(0, state.expectedCashFen), countedCashFen: state.countedCashFen, differenceFen: state.differenceFen,
      explanation: state.explanation, floatFen: state.floatFen, posFen: Math.max(0, state.posFen), transferFen: Math.max(0, state.transferFen), goodsChecked: state.goodsChecked,
      confirmedAt: at.toISOString(),
    },
  };
  return { state, transitions: [t], events: [event] };
}
