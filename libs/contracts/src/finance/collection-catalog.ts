import type { Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import {
  AgingGroupsQuery, AgingGroupView, CommissionQuery, CommissionStatementQuery, CommissionStatementRequest, CommissionStatementView, CommissionView, DoubtfulBody, DoubtfulRequest,
  DunningPlanBody, DunningPlanRequest, ProblemReportBody, ProblemReportRequest, WriteOffBody, WriteOffRequest,
} from './collection.js';
import { ReceivableView } from './views.js';

/** Collection is credit control's and management's business: not the cashier's counter. */
const READERS: readonly Role[] = ['accountant', 'finance_manager', 'sales_manager', 'sales_vp', 'general_manager'];

/** The collection ladder's commands, the aging by customer, rep and region, and commission (collection rules 9-05 to 9-08). */
export const FINANCE_COLLECTION_OPERATIONS = {
  fileDunningPlan: {
    kind: 'command', roles: ['sales_manager', 'sales_vp', 'general_manager'], request: DunningPlanRequest,
    http: { method: 'POST', path: 'finance/receivables/:receivableId/dunning-plan', body: DunningPlanBody },
    answers: ReceivableView, summary: 'File the reasons and the plan for a receivable in dunning',
    errors: [404, { status: 409, description: 'The receivable is not in dunning or beyond (`not-in-dunning`)' }],
    description:
      'From the 5th of the second month after its due month a receivable is in dunning, and the sales manager files why the money has not ' +
      'come and the plan to collect it within 5 days (`dunningPlanDue`). A receivable past that day without a plan is listed with ' +
      '`GET finance/receivables?planMissing=true`. Filing again replaces the plan; each filing is in the receivable\'s history.',
  },
  fileProblemReport: {
    kind: 'command', roles: ['sales_rep', 'sales_manager', 'sales_vp'], request: ProblemReportRequest,
    http: { method: 'POST', path: 'finance/receivables/:receivableId/problem-report', body: ProblemReportBody },
    answers: ReceivableView, summary: 'File the report on a problem account',
    errors: [404, { status: 409, description: 'Not (yet) a problem account (`not-a-problem-account`)' }],
    description:
      'A receivable still open three months after its invoice date is a problem account (`problemAccount`), and sales files a report on it ' +
      'within 5 days (`problemReportDue`); those without one after that are listed with `GET finance/receivables?reportMissing=true`.',
  },
  declareCustomerDoubtful: {
    kind: 'command', roles: ['finance_manager'], request: DoubtfulRequest,
    http: { method: 'POST', path: 'finance/customers/:customerId/doubtful', body: DoubtfulBody },
    answers: pageOf(ReceivableView), summary: 'The customer is bankrupt or seized: their open receivables are doubtful',
    errors: [{ status: 409, description: 'The customer has no open receivable (`nothing-open`)' }],
    description:
      'Every open receivable of the customer becomes doubtful at once (`finance.receivable.stage-changed` for each) and supply to the customer ' +
      'stops (`finance.customer.credit-hold`). Answers the receivables it moved.',
  },
  approveWriteOff: {
    kind: 'command', roles: ['finance_manager', 'sales_vp'], request: WriteOffRequest,
    http: { method: 'POST', path: 'finance/receivables/:receivableId/write-off', body: WriteOffBody },
    answers: ReceivableView, summary: 'Approve writing off a doubtful receivable (one of two approvals)',
    rolesNote: 'Two approvals, in either order: a finance manager and the sales VP; never one person for both.',
    errors: [
      404,
      { status: 403, description: 'The person who approved the other side (`same-approver`)' },
      { status: 409, description: 'Not doubtful (`not-doubtful`), or the side this person may approve is approved already (`write-off-side-approved`)' },
    ],
    description:
      'Only a doubtful receivable is written off, and only with both a finance manager and the sales VP. The first approval changes nothing on ' +
      'the books (`writeOff` shows who approved); the second writes what is still owed off against the bad-debt allowance (journal: debit 1231, ' +
      'credit 1122), the receivable becomes `written_off` and the stage change is announced. Money that later arrives for the order reverses ' +
      'the write-off first (debit 1122, credit 1231) and then settles the receivable as usual.',
  },
  listAgingGroups: {
    kind: 'query', roles: READERS, request: AgingGroupsQuery,
    http: { method: 'GET', path: 'finance/receivables/aging/groups' },
    answers: pageOf(AgingGroupView), summary: 'Open receivables by days past due, per customer, rep or region (CSV too)',
    description:
      'Buckets as `GET finance/receivables/aging`: not due, 1–30, 31–60, 61–90 and over 90 days past the due date on today\'s business date. ' +
      '`by=customer|rep|region`; largest total first. `Accept: text/csv` gives every row as CSV with one column per bucket.',
  },
  listCommissions: {
    kind: 'query', roles: READERS, request: CommissionQuery,
    http: { method: 'GET', path: 'finance/commissions' },
    answers: pageOf(CommissionView), summary: 'Commission per rep for a month (CSV too)',
    description:
      'Per rep, from the credit sales of the customers assigned to them (9-07): to collect in the month is what was still owed at its start ' +
      '(or when invoiced during it) on receivables due by its end; collected is the money received on them during the month. 100 % collected ' +
      'with no doubtful or written-off receivable earns 0.12 % of collected; 98 % to below 100 % earns 0.06 %; below 98 % nothing; below 95 % ' +
      'a penalty of 1 % of the uncollected amount. Reps with something to collect only; `Accept: text/csv` for the table.',
  },
  getCommissionStatement: {
    kind: 'query', roles: READERS, request: CommissionStatementRequest,
    http: { method: 'GET', path: 'finance/commissions/:rep', params: { rep: 'code' }, query: CommissionStatementQuery },
    answers: CommissionStatementView, summary: 'A rep\'s commission statement: the figures and each receivable behind them',
  },
} satisfies Record<string, OperationSpec>;
