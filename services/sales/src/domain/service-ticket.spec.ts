import {
  addBusinessDays, addNote, close, defaultDeadline, durationStats, isOverdue, linkReturn, openTicket, reassign, refuseOrderOfAnother, refuseUnlessMayOpenReturn, reopen, resolve,
  linkReplacementOrder, refuseUnlessMayReplace, start, timeReport, type ServiceTicket,
} from './service-ticket.js';

// Tuesday 1 December 2026, 10:00 in Shanghai.
const tuesday = new Date('2026-12-01T02:00:00Z');
const hours = (h: number) => new Date(tuesday.getTime() + h * 3_600_000);
const ticket = (over: Partial<ServiceTicket> = {}, description: string | null = 'Seals broken') =>
  openTicket({
    id: '00000000-0000-7000-8000-000000000001', number: 'ST-2026-000001', kind: 'complaint', status: 'open', customerId: 'c1', customerName: '晨光', customerPhone: null,
    orderId: null, owner: 'customer_service', openedBy: 'customer_service', openedAt: tuesday, deadlineAt: defaultDeadline(over.kind ?? 'complaint', tuesday), notes: [],
    firstResponseAt: null, resolution: null, resolvedAt: null, closedAt: null, satisfaction: null, feedback: null, returnId: null, rmaNumber: null, ...over,
  }, description).state;

describe('deadlines', () => {
  it('count business days, skipping Saturday and Sunday in Shanghai', () => {
    expect(addBusinessDays(tuesday, 1).toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(addBusinessDays(tuesday, 3).toISOString()).toBe('2026-12-04T02:00:00.000Z'); // Friday
    expect(addBusinessDays(tuesday, 4).toISOString()).toBe('2026-12-07T02:00:00.000Z'); // Monday
    // Friday 23:30 in Shanghai (15:30 UTC) + 1 is Monday 23:30.
    expect(addBusinessDays(new Date('2026-12-04T15:30:00Z'), 1).toISOString()).toBe('2026-12-07T15:30:00.000Z');
    // Opened on a Saturday: the next business day is Monday.
    expect(addBusinessDays(new Date('2026-12-05T02:00:00Z'), 1).toISOString()).toBe('2026-12-07T02:00:00.000Z');
  });

  it('default by kind: inquiry 1, complaint 3, return and exchange 7 business days', () => {
    expect(defaultDeadline('inquiry', tuesday).toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(defaultDeadline('complaint', tuesday).toISOString()).toBe('2026-12-04T02:00:00.000Z');
    expect(defaultDeadline('return_request', tuesday).toISOString()).toBe('2026-12-10T02:00:00.000Z');
    expect(defaultDeadline('exchange_request', tuesday).toISOString()).toBe('2026-12-10T02:00:00.000Z');
    expect(defaultDeadline('inquiry', tuesday, { inquiry: 2, complaint: 3, return_request: 7, exchange_request: 7 }).toISOString()).toBe('2026-12-03T02:00:00.000Z');
  });

  it('make an unresolved ticket overdue once passed; a resolved one never', () => {
    const t = ticket();
    expect(isOverdue(t, hours(71))).toBe(false);
    expect(isOverdue(t, hours(73))).toBe(true);
    expect(isOverdue({ ...t, status: 'resolved' }, hours(200))).toBe(false);
  });
});

describe('a ticket', () => {
  it('needs a customer, or a walk-in name and phone for an inquiry only; an order of its customer', () => {
    expect(() => ticket({ customerId: null, customerName: '张先生', customerPhone: null })).toThrow(expect.objectContaining({ code: 'ticket-customer-required' }));
    expect(() => ticket({ kind: 'inquiry', customerId: null, customerName: '张先生', customerPhone: '138' })).not.toThrow();
    expect(() => refuseOrderOfAnother({ number: 'SO-1', customerId: 'c2' }, 'c1')).toThrow(expect.objectContaining({ code: 'order-of-another-customer', status: 422 }));
    expect(() => ticket({ deadlineAt: tuesday })).toThrow(expect.objectContaining({ code: 'deadline-in-the-past' }));
  });

  it('keeps an append-only conversation; the first outgoing note is the first response and starts the work', () => {
    const t = ticket();
    expect(t.notes).toEqual([expect.objectContaining({ noteNo: 1, direction: 'in', text: 'Seals broken' })]);
    const more = addNote(t, { direction: 'in', text: 'Also late', by: 'customer_service' }, hours(1));
    expect(more.state).toMatchObject({ status: 'open', firstResponseAt: null });
    const answered = addNote(more.state, { direction: 'out', text: 'Called back', by: 'customer_service' }, hours(2));
    expect(answered.state).toMatchObject({ status: 'in_progress', firstResponseAt: hours(2) });
    expect(answered.state.notes.map((n) => n.noteNo)).toEqual([1, 2, 3]);
    expect(answered.state.notes.slice(0, 2)).toEqual(more.state.notes);
    const again = addNote(answered.state, { direction: 'out', text: 'Sent photos', by: 'sales_rep' }, hours(5));
    expect(again.state.firstResponseAt).toEqual(hours(2));
    expect(again.transitions).toEqual([]);
  });

  it('goes open → in progress → resolved → closed with satisfaction; reopened from resolved only', () => {
    expect(() => resolve(ticket(), 'done', 'cs', hours(1))).toThrow(expect.objectContaining({ code: 'service-ticket-transition-refused', status: 409 }));
    const working = start(ticket(), 'cs').state;
    const resolved = resolve(working, 'replaced', 'cs', hours(3)).state;
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'replaced', resolvedAt: hours(3) });
    expect(() => reopen(working, 'x', 'cs')).toThrow(expect.objectContaining({ code: 'ticket-not-resolved' }));
    const reopened = reopen(resolved, 'broken again', 'cs').state;
    expect(reopened).toMatchObject({ status: 'in_progress', resolvedAt: null });
    const again = resolve(reopened, 'refunded', 'cs', hours(30)).state;
    expect(() => close(again, 6, null, 'cs', hours(31))).toThrow(expect.objectContaining({ code: 'satisfaction-invalid' }));
    const closed = close(again, 4, 'quick', 'cs', hours(31)).state;
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 4, feedback: 'quick', closedAt: hours(31) });
    expect(() => reopen(closed, 'x', 'cs')).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => addNote(closed, { direction: 'in', text: 'hello', by: 'cs' }, hours(40))).toThrow(expect.objectContaining({ code: 'ticket-closed' }));
  });

  it('is given to another owner by its owner or a sales manager and above', () => {
    const t = ticket();
    expect(() => reassign(t, 'sales_rep', { userId: 'u', username: 'other_cs', roles: ['customer_service'] })).toThrow(expect.objectContaining({ code: 'not-ticket-supervisor', status: 403 }));
    expect(reassign(t, 'sales_rep', { userId: 'u', username: 'customer_service', roles: ['customer_service'] }).state.owner).toBe('sales_rep');
    const byManager = reassign(t, 'sales_rep', { userId: 'u', username: 'sales_manager', roles: ['sales_manager'] }, 'needs the rep');
    expect(byManager.state.owner).toBe('sales_rep');
    expect(byManager.transitions).toEqual([expect.objectContaining({ from: 'open', to: 'open', reason: expect.stringContaining('needs the rep') })]);
  });

  it('opens one RMA, on a return request with an order only', () => {
    expect(() => refuseUnlessMayOpenReturn(ticket())).toThrow(expect.objectContaining({ code: 'ticket-not-return-request' }));
    expect(() => refuseUnlessMayOpenReturn(ticket({ kind: 'return_request' }))).toThrow(expect.objectContaining({ code: 'ticket-without-order', status: 422 }));
    const t = ticket({ kind: 'return_request', orderId: 'o1' });
    expect(refuseUnlessMayOpenReturn(t)).toBe('o1');
    const linked = linkReturn(t, { id: 'r1', number: 'RMA-2026-000001' }, 'cs').state;
    expect(linked).toMatchObject({ returnId: 'r1', rmaNumber: 'RMA-2026-000001' });
    expect(() => refuseUnlessMayOpenReturn(linked)).toThrow(expect.objectContaining({ code: 'ticket-rma-exists', status: 409 }));
  });
});

describe('the time report', () => {
  it('averages, takes the median (mean of the middle two) and the 90th percentile by nearest rank', () => {
    expect(durationStats([])).toEqual({ count: 0, averageHours: null, medianHours: null, p90Hours: null });
    expect(durationStats([5])).toEqual({ count: 1, averageHours: 5, medianHours: 5, p90Hours: 5 });
    expect(durationStats([4, 1, 3, 2])).toEqual({ count: 4, averageHours: 2.5, medianHours: 2.5, p90Hours: 4 });
    expect(durationStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ count: 10, averageHours: 5.5, medianHours: 5.5, p90Hours: 9 });
    expect(durationStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toMatchObject({ medianHours: 6, p90Hours: 10 });
    expect(durationStats([1 / 3, 2 / 3])).toMatchObject({ averageHours: 0.5, medianHours: 0.5, p90Hours: 0.67 });
  });

  it('groups by owner and by kind, measuring only tickets answered or resolved', () => {
    const t = (owner: string, kind: ServiceTicket['kind'], response: number | null, resolution: number | null) => ({
      owner, kind, openedAt: tuesday, firstResponseAt: response === null ? null : hours(response), resolvedAt: resolution === null ? null : hours(resolution),
    });
    const report = timeReport([t('ann', 'inquiry', 1, 4), t('ann', 'complaint', 3, null), t('bob', 'complaint', null, null), t('bob', 'complaint', 2, 10)]);
    expect(report.overall).toEqual({ key: 'all', tickets: 4, firstResponse: { count: 3, averageHours: 2, medianHours: 2, p90Hours: 3 }, resolution: { count: 2, averageHours: 7, medianHours: 7, p90Hours: 10 } });
    expect(report.byOwner.map((r) => [r.key, r.tickets, r.firstResponse.averageHours, r.resolution.medianHours])).toEqual([['ann', 2, 2, 4], ['bob', 2, 2, 10]]);
    expect(report.byKind.map((r) => [r.key, r.tickets, r.firstResponse.count, r.resolution.count])).toEqual([['complaint', 3, 2, 1], ['inquiry', 1, 1, 1]]);
  });
});

describe('replacement orders', () => {
  it('come from a complaint of a customer on file that is not closed, and are listed on the ticket with a note', () => {
    const complaint = ticket();
    expect(refuseUnlessMayReplace(complaint)).toBe('c1');
    expect(() => refuseUnlessMayReplace(ticket({ kind: 'return_request' }))).toThrow(expect.objectContaining({ code: 'ticket-not-complaint', status: 409 }));
    expect(() => refuseUnlessMayReplace({ ...complaint, status: 'closed' })).toThrow(expect.objectContaining({ code: 'ticket-closed' }));
    expect(() => refuseUnlessMayReplace({ ...complaint, customerId: null })).toThrow(expect.objectContaining({ code: 'ticket-without-customer', status: 422 }));
    const linked = linkReplacementOrder(complaint, { orderId: 'o1', orderNumber: 'SO-2026-000001' }, 'customer_service');
    const again = linkReplacementOrder(linked.state, { orderId: 'o2', orderNumber: 'SO-2026-000002' }, 'customer_service');
    expect(again.state.replacementOrders).toEqual([{ orderId: 'o1', orderNumber: 'SO-2026-000001' }, { orderId: 'o2', orderNumber: 'SO-2026-000002' }]);
    expect(again.state.status).toBe('open');
    expect(linked.transitions).toEqual([expect.objectContaining({ from: 'open', to: 'open', reason: 'replacement order SO-2026-000001 raised by customer_service' })]);
  });
});
