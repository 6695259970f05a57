import { DomainError } from '@ops/kernel';
import { arriveEscort, assignEscort, departEscort, isLate, requestEscort } from './escort.js';
import { confirmDutyHandover, handOverDuty, holdFootage, mayViewFootage, releaseFootageHold } from './monitoring.js';
import { checkInVisitor, checkOutVisitor, isOverstaying, maskIdNumber } from './visitor.js';

const now = new Date('2026-11-30T02:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const refused = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return error as DomainError;
  }
  throw new Error(`expected ${code}`);
};

describe('the monitoring room', () => {
  const hold = () => holdFootage({ id: 'h1', camera: 'camera-07', from: hours(-2), to: hours(-1), reason: 'Theft at A-03', incidentId: null, heldUntil: hours(24 * 30), heldBy: 'op', heldAt: now }, now).state;

  it('lets nobody release held footage before its release date, and anybody of the room after', () => {
    refused(() => releaseFootageHold(hold(), 'manager', hours(24 * 30 - 1)), 'footage-hold-not-due');
    const released = releaseFootageHold(hold(), 'manager', hours(24 * 30));
    expect(released.state).toMatchObject({ status: 'released', releasedBy: 'manager' });
    refused(() => releaseFootageHold(released.state, 'manager', hours(24 * 31)), 'footage-hold-transition-refused');
  });

  it('holds only a real range, until a date in the future', () => {
    const error = refused(() => holdFootage({ id: 'h', camera: 'c', from: hours(-1), to: hours(-2), reason: 'r', incidentId: null, heldUntil: hours(-0.5), heldBy: 'op', heldAt: now }, now), 'footage-hold-invalid');
    expect(error.errors?.map((e) => e.field)).toEqual(['to', 'heldUntil']);
  });

  it('shows held footage to monitoring operators and the security manager only', () => {
    expect(mayViewFootage(['monitoring_operator'])).toBe(true);
    expect(mayViewFootage(['security_manager'])).toBe(true);
    expect(mayViewFootage(['security_guard'])).toBe(false);
    expect(mayViewFootage(['auditor', 'security_captain'])).toBe(false);
  });

  it('needs both operators for a duty handover: the one handing over, then only the one taking over', () => {
    refused(() => handOverDuty({ id: 'd', fromOperator: 'op1', toOperator: 'op1', notes: 'n', handedAt: now }), 'same-operator');
    const pending = handOverDuty({ id: 'd', fromOperator: 'op1', toOperator: 'op2', notes: 'camera-12 offline', handedAt: now }).state;
    expect(pending.status).toBe('pending');
    refused(() => confirmDutyHandover(pending, 'op3', now), 'not-the-incoming-operator');
    const confirmed = confirmDutyHandover(pending, 'op2', hours(0.1)).state;
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedAt: hours(0.1) });
    refused(() => confirmDutyHandover(confirmed, 'op2', now), 'duty-handover-transition-refused');
  });
});

describe('visitors', () => {
  it('keeps only the last 4 characters of an ID number', () => {
    expect(maskIdNumber('310101199001011234')).toBe('**************1234');
    expect(maskIdNumber(' E1234567 ')).toBe('****4567');
    expect(maskIdNumber('1234')).toBe('1234');
  });

  it('checks in with a masked ID, tells the host without the ID, and lists overstays on the clock', () => {
    const step = checkInVisitor({ id: 'v1', name: '王芳', idNumber: '310101199001011234', host: 'sales_manager', purpose: 'Contract', badge: 'V-1', checkedInAt: now, expectedLeaveAt: hours(2), checkedInBy: 'guard' });
    expect(step.state.idNumberMasked).toBe('**************1234');
    expect(JSON.stringify(step)).not.toContain('310101199001011234');
    expect(step.events[0]).toMatchObject({ type: 'security.visitor.arrived', data: { visitorId: 'v1', host: 'sales_manager' } });
    expect(isOverstaying(step.state, hours(2))).toBe(false);
    expect(isOverstaying(step.state, hours(2.01))).toBe(true);
    const left = checkOutVisitor(step.state, 'guard', hours(3)).state;
    expect(isOverstaying(left, hours(5))).toBe(false);
    refused(() => checkOutVisitor(left, 'guard', hours(4)), 'visit-transition-refused');
  });

  it('refuses an expected leave time that is not after the check-in', () => {
    refused(() => checkInVisitor({ id: 'v', name: 'n', idNumber: '1234', host: 'h', purpose: 'p', badge: 'b', checkedInAt: now, expectedLeaveAt: now, checkedInBy: 'g' }), 'leave-time-past');
  });
});

describe('cash escorts', () => {
  const requested = () => requestEscort({ id: 'e1', depositId: 'd1', amountFen: 40_000, bank: 'ICBC', plannedAt: hours(1), requestedBy: 'treasurer' }).state;

  it('needs at least two different guards', () => {
    refused(() => assignEscort(requested(), ['g1'], 'captain'), 'escort-needs-two-guards');
    refused(() => assignEscort(requested(), ['g1', 'g1 '], 'captain'), 'escort-needs-two-guards');
    expect(assignEscort(requested(), ['g1', 'g2'], 'captain').state).toMatchObject({ status: 'assigned', guards: ['g1', 'g2'] });
  });

  it('departs only when guarded, and announces departure and arrival', () => {
    refused(() => departEscort(requested(), 'g1', now), 'escort-transition-refused');
    const assigned = assignEscort(requested(), ['g1', 'g2'], 'captain').state;
    const departed = departEscort(assigned, 'g1', hours(1));
    expect(departed.events[0]).toMatchObject({ type: 'security.escort.departed', data: { escortId: 'e1', depositId: 'd1', guards: ['g1', 'g2'] } });
    refused(() => assignEscort(departed.state, ['g3', 'g4'], 'captain'), 'escort-transition-refused');
    const completed = arriveEscort(departed.state, 'g1', hours(1.5));
    expect(completed.events[0]).toMatchObject({ type: 'security.escort.completed', data: { depositId: 'd1', arrivedAt: hours(1.5).toISOString() } });
  });

  it('is an exception when not started by its planned time', () => {
    expect(isLate(requested(), hours(1))).toBe(false);
    expect(isLate(requested(), hours(1.01))).toBe(true);
    const departed = departEscort(assignEscort(requested(), ['g1', 'g2'], 'c').state, 'g1', hours(1.5)).state;
    expect(isLate(departed, hours(3))).toBe(false);
  });
});
