import { DomainError, StateMachine, type FieldError, type Step } from '@ops/kernel';

/**
 * Returned goods the warehouse expects (domain.md §4, returns): an approved return is expected until a keeper
 * counts what arrived and inspects it. Accepted goods go back to sellable stock, rejected ones to quarantine;
 * both through the stock ledger (the caller's), and `inventory.return.received` tells sales.
 */
export type ExpectedReturnStatus = 'expected' | 'received';

export const EXPECTED_RETURN = new StateMachine<ExpectedReturnStatus>('expected return', { expected: ['received'], received: [] });

export interface ExpectedReturnLine {
  sku: string;
  expectedQuantity: number;
  receivedQuantity: number | null;
  acceptedQuantity: number | null;
  rejectedQuantity: number | null;
  note: string | null;
}

export interface ExpectedReturn {
  returnId: string;
  returnNumber: string;
  orderId: string;
  customerId: string;
  status: ExpectedReturnStatus;
  lines: ExpectedReturnLine[];
  warehouseCode: string | null;
  receivedBy: string | null;
  receivedAt: Date | null;
}

/** An approved return's goods are expected back; lines of one SKU are expected as one. */
export function expectReturn(approved: { returnId: string; returnNumber: string; orderId: string; customerId: string; lines: ReadonlyArray<{ sku: string; quantity: number }> }): Step<ExpectedReturn> {
  const lines: ExpectedReturnLine[] = [];
  for (const l of approved.lines) {
    const known = lines.find((x) => x.sku === l.sku);
    if (known) known.expectedQuantity += l.quantity;
    else lines.push({ sku: l.sku, expectedQuantity: l.quantity, receivedQuantity: null, acceptedQuantity: null, rejectedQuantity: null, note: null });
  }
  return {
    state: { returnId: approved.returnId, returnNumber: approved.returnNumber, orderId: approved.orderId, customerId: approved.customerId, status: 'expected', lines, warehouseCode: null, receivedBy: null, receivedAt: null },
    transitions: [{ from: 'new', to: 'expected', reason: `return ${approved.returnNumber} approved: ${lines.reduce((s, l) => s + l.expectedQuantity, 0)} unit(s) expected back` }],
    events: [],
  };
}

export interface InspectedLine {
  sku: string;
  receivedQuantity: number;
  acceptedQuantity: number;
  rejectedQuantity: number;
  note?: string;
}

/**
 * The count and the inspection, checked line by line (422 naming each field): a SKU that is expected, once;
 * whole numbers; counted ≤ expected; accepted + rejected = counted; a note for anything rejected; something counted.
 */
export function inspectionProblems(expected: ExpectedReturn, lines: readonly InspectedLine[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    const wanted = expected.lines.find((l) => l.sku === line.sku);
    if (!wanted) problems.push({ field: `${at}.sku`, message: `return ${expected.returnNumber} does not expect ${line.sku}` });
    else if (seen.has(line.sku)) problems.push({ field: `${at}.sku`, message: `${line.sku} is on an earlier line already` });
    seen.add(line.sku);
    for (const field of ['receivedQuantity', 'acceptedQuantity', 'rejectedQuantity'] as const) {
      if (!Number.isInteger(line[field]) || line[field] < 0) problems.push({ field: `${at}.${field}`, message: 'must be a whole number, 0 or more' });
    }
    if (wanted && line.receivedQuantity > wanted.expectedQuantity) problems.push({ field: `${at}.receivedQuantity`, message: `at most ${wanted.expectedQuantity} of ${line.sku} are expected` });
    if (line.acceptedQuantity + line.rejectedQuantity !== line.receivedQuantity) {
      problems.push({ field: `${at}.acceptedQuantity`, message: `accepted (${line.acceptedQuantity}) + rejected (${line.rejectedQuantity}) must equal the ${line.receivedQuantity} counted` });
    }
    if (line.rejectedQuantity > 0 && !line.note?.trim()) problems.push({ field: `${at}.note`, message: 'say why the goods were rejected' });
  });
  if (!problems.length && lines.every((l) => l.receivedQuantity === 0)) problems.push({ field: 'lines', message: 'nothing was counted: receive the return when its goods arrive' });
  return problems;
}

/** The goods are counted and inspected: the return is received, and sales hears what came back and in what state. */
export function receiveReturn<R extends ExpectedReturn>(expected: R, lines: readonly InspectedLine[], warehouseCode: string, by: string, at = new Date()): Step<R> {
  if (expected.status !== 'expected') throw new DomainError('conflict', 'return-received', `Return ${expected.returnNumber} was received already by ${expected.receivedBy}`);
  const problems = inspectionProblems(expected, lines);
  if (problems.length) throw new DomainError('rule_violated', 'return-inspection-refused', `The count of return ${expected.returnNumber} does not add up`, problems);
  const counted = expected.lines.map((l) => {
    const line = lines.find((x) => x.sku === l.sku);
    return { ...l, receivedQuantity: line?.receivedQuantity ?? 0, acceptedQuantity: line?.acceptedQuantity ?? 0, rejectedQuantity: line?.rejectedQuantity ?? 0, note: line?.note?.trim() || null };
  });
  const accepted = counted.reduce((s, l) => s + l.acceptedQuantity, 0);
  const rejected = counted.reduce((s, l) => s + l.rejectedQuantity, 0);
  const t = EXPECTED_RETURN.move(expected.status, 'received', `received by ${by}: ${accepted} accepted to ${warehouseCode}, ${rejected} rejected to quarantine`, `Return ${expected.returnNumber}`);
  return {
    state: { ...expected, status: t.to, lines: counted, warehouseCode, receivedBy: by, receivedAt: at },
    transitions: [t],
    events: [{
      type: 'inventory.return.received',
      aggregateId: expected.returnId,
      data: {
        returnId: expected.returnId, orderId: expected.orderId, customerId: expected.customerId,
        lines: counted.map((l) => ({ sku: l.sku, receivedQuantity: l.receivedQuantity, acceptedQuantity: l.acceptedQuantity, rejectedQuantity: l.rejectedQuantity })),
      },
    }],
  };
}
