import { PURCHASING, WAREHOUSE } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  AdjustmentIdRequest, CreateSampleLoanRequest, CreateTransferRequest, EnterCountsBody, EnterCountsRequest, ListSampleLoansQuery, ListStocktakesQuery, ListTransfersQuery,
  ProposeBetweenSkusBody, ProposeBetweenSkusRequest, ReceiveTransferBody, ReceiveTransferRequest, ReturnSamplesBody, ReturnSamplesRequest, SampleLoanView, StartStocktakeRequest,
  StocktakeView, TransferView, VarianceReportView, WriteOffSamplesBody, WriteOffSamplesRequest,
} from './warehouse-operations.js';

/** Transfers between warehouses, stocktakes and sample loans in the inventory catalogue (domain.md §6). */
export const INVENTORY_WAREHOUSE_OPERATIONS = {
  createTransfer: {
    kind: 'command', roles: WAREHOUSE, request: CreateTransferRequest, creates: true,
    http: { method: 'POST', path: 'inventory/transfers' },
    answers: TransferView, summary: 'Draft a transfer between two warehouses (number TR-…)',
    errors: [{ status: 422, description: 'Unknown or system warehouse (`TRANSIT`, `ON_LOAN`, `QUARANTINE`), the same warehouse at both ends, an unknown SKU (naming the field)' }],
    description:
      'Nothing moves yet. Between two warehouses of kind `store` the transfer starts `consent_needed`: a sales manager consents ' +
      '(`POST …/{id}/consent`) before it can be dispatched; otherwise it starts `draft`. A line may name the location and batch to take; ' +
      'otherwise the oldest lots of the SKU in the source warehouse go first.',
  },
  consentTransfer: {
    kind: 'command', roles: ['sales_manager'], request: IdRequest,
    http: { method: 'POST', path: 'inventory/transfers/:id/consent' },
    answers: TransferView, summary: 'Consent to a transfer between two stores', errors: [404, { status: 409, description: 'The transfer does not need (or already has) consent (`transfer-transition-refused`)' }],
  },
  dispatchTransfer: {
    kind: 'command', roles: WAREHOUSE, request: IdRequest,
    http: { method: 'POST', path: 'inventory/transfers/:id/dispatch' },
    answers: TransferView, summary: 'Dispatch a transfer: its goods leave for TRANSIT',
    errors: [
      404,
      { status: 409, description: 'Not draft or consented (`transfer-consent-needed` between two stores without consent, `transfer-transition-refused`)' },
      { status: 422, description: 'Not enough free stock: `lot-short` (the named lots do not hold it) or `not-available` (units held for orders never leave)' },
    ],
    description:
      'Each line leaves its lots (named, or oldest first) as `transfer` movements into warehouse `TRANSIT` (location `TRANSIT`, the batch kept), ' +
      'under the transfer number. Only units no order holds may leave the source warehouse.',
  },
  receiveTransfer: {
    kind: 'command', roles: WAREHOUSE, request: ReceiveTransferRequest,
    http: { method: 'POST', path: 'inventory/transfers/:id/receive', body: ReceiveTransferBody },
    answers: TransferView, summary: 'Receive a dispatched transfer, counted line by line',
    errors: [
      404,
      { status: 403, description: 'The person who dispatched it (`dispatcher-cannot-receive`)' },
      { status: 409, description: 'Not dispatched (`transfer-transition-refused`)' },
      { status: 422, description: '`transfer-count-refused`: a line counted more than sent, a difference without `differenceNote`, a line not sent or not counted (naming each field)' },
    ],
    description:
      'Every line is counted by someone other than the dispatcher. Counted units go from TRANSIT into the destination\'s `STOCK` (`transfer` ' +
      'movements, batch kept); units that did not arrive leave TRANSIT as `adjustment` movements under the transfer number, each difference ' +
      'explained, so TRANSIT holds nothing of a received transfer. Arriving in a sellable warehouse, the stock serves waiting backorders first. ' +
      'Publishes `inventory.transfer.received` with the differences.',
  },
  listTransfers: {
    kind: 'query', roles: [...WAREHOUSE, 'sales_manager', ...PURCHASING], request: ListTransfersQuery,
    http: { method: 'GET', path: 'inventory/transfers' },
    answers: pageOf(TransferView), summary: 'List transfers, newest first', description: 'Filter by `status` (`consent_needed` is the sales manager\'s queue).',
  },
  getTransfer: {
    kind: 'query', roles: [...WAREHOUSE, 'sales_manager', ...PURCHASING], request: IdRequest,
    http: { method: 'GET', path: 'inventory/transfers/:id' },
    answers: TransferView, summary: 'One transfer with its lines, lots sent and differences', errors: [404],
  },
  startStocktake: {
    kind: 'command', roles: ['warehouse_manager'], request: StartStocktakeRequest, creates: true,
    http: { method: 'POST', path: 'inventory/stocktakes' },
    answers: StocktakeView, summary: 'Start a stocktake of a warehouse or one location (number ST-…)',
    errors: [{ status: 422, description: 'Unknown warehouse or location (naming the field)' }],
    description:
      'Makes one count sheet per location listing every lot there (the book quantities are kept but never shown to counters). ' +
      'The variance report is due the next business day. Every sellable warehouse is also counted automatically on the third Saturday of each month.',
  },
  listStocktakes: {
    kind: 'query', roles: [...WAREHOUSE, 'purchasing_manager'], request: ListStocktakesQuery,
    http: { method: 'GET', path: 'inventory/stocktakes' },
    answers: pageOf(StocktakeView), summary: 'List stocktakes, newest first (blind: no book quantities)',
    description: '`overdue=true`: those still counting after the day their variance report was due. Filter by `status`, `warehouseCode`.',
  },
  getStocktake: {
    kind: 'query', roles: [...WAREHOUSE, 'purchasing_manager'], request: IdRequest,
    http: { method: 'GET', path: 'inventory/stocktakes/:id' },
    answers: StocktakeView, summary: 'A stocktake and its count sheets, blind', errors: [404],
    description: 'The count sheet a counter works from: SKU, batch and what has been counted, never a book quantity or variance (those are in the variance report).',
  },
  enterCounts: {
    kind: 'command', roles: WAREHOUSE, request: EnterCountsRequest,
    http: { method: 'POST', path: 'inventory/stocktakes/:id/counts', body: EnterCountsBody },
    answers: StocktakeView, summary: 'Enter counted quantities on one count sheet',
    errors: [404, { status: 409, description: 'No longer counting (`stocktake-not-counting`)' }, { status: 422, description: 'No sheet for the location (`no-count-sheet`), or an unknown SKU' }],
    description:
      'Per line the SKU, batch and quantity counted; a SKU not on the sheet is a found line. A line counted again takes the new count. ' +
      'Stock keeps moving during a count: the ledger\'s figure of the lot when the count is entered is kept with it, and the variance is counted − that figure.',
  },
  submitStocktake: {
    kind: 'command', roles: WAREHOUSE, request: IdRequest,
    http: { method: 'POST', path: 'inventory/stocktakes/:id/submit' },
    answers: StocktakeView, summary: 'Submit the counts: the variance report and proposed adjustments',
    errors: [404, 409, { status: 422, description: 'Lines not counted (`stocktake-not-counted`, naming each)' }],
    description: 'Every sheet line must be counted. One adjustment is proposed per variance; with none the stocktake closes.',
  },
  getVarianceReport: {
    kind: 'query', roles: ['warehouse_manager', 'purchasing_manager'], request: IdRequest,
    http: { method: 'GET', path: 'inventory/stocktakes/:id/variances' },
    answers: VarianceReportView, summary: 'The variance report: book, counted and variance per line, with the adjustments',
    errors: [404],
    description: 'Managers and the auditor only (a warehouse keeper who counts never sees book quantities). Book at start, book when counted, counted, variance = counted − book when counted.',
  },
  proposeBetweenSkus: {
    kind: 'command', roles: ['warehouse_manager'], request: ProposeBetweenSkusRequest,
    http: { method: 'POST', path: 'inventory/stocktakes/:id/adjustments/between-skus', body: ProposeBetweenSkusBody },
    answers: VarianceReportView, summary: 'Propose a move between two SKUs (goods counted under the wrong code)',
    errors: [404, 409, { status: 422, description: '`between-skus-refused`: no `reason`, the same SKU twice, or no proposed shortage/overage that large (naming the field)' }],
    description:
      'One SKU short, another over: `quantity` units out of the short lot and into the over lot, as one adjustment of two lines with a reason. ' +
      'It takes that much out of the two proposed count adjustments (withdrawn when nothing is left), so nothing is adjusted twice.',
  },
  approveStocktakeAdjustment: {
    kind: 'command', roles: ['warehouse_manager', 'purchasing_manager'], request: AdjustmentIdRequest,
    http: { method: 'POST', path: 'inventory/stocktakes/:id/adjustments/:no/approve', params: { no: 'int' } },
    answers: VarianceReportView, summary: 'Approve a proposed adjustment: once fully approved it posts to the ledger',
    rolesNote: 'A warehouse manager who entered no count approves every adjustment; above 100 units moved a purchasing manager approves as well.',
    errors: [404, { status: 403, description: 'A counter of this stocktake (`counter-cannot-approve`)' }, { status: 409, description: 'Settled already, or needs no approval of yours' }, { status: 422, description: 'The stock moved: units held for orders are not written off (`not-available`)' }],
    description:
      'Nothing changes until the adjustment is fully approved; then each line posts as an `adjustment` movement under the stocktake number and ' +
      '`inventory.stocktake.adjusted` is published. The last settled adjustment closes the stocktake.',
  },
  lendSamples: {
    kind: 'command', roles: [...WAREHOUSE, 'sales_manager'], request: CreateSampleLoanRequest, creates: true,
    http: { method: 'POST', path: 'inventory/sample-loans' },
    answers: SampleLoanView, summary: 'Lend samples (number SL-…): they leave for ON_LOAN',
    errors: [{ status: 422, description: 'A return date before today, an unknown warehouse, not enough free stock (`lot-short`, `not-available`)' }],
    description: 'The borrower (name, phone, organisation) and the expected return date. Each line leaves its warehouse\'s oldest lots as `transfer` movements into `ON_LOAN`.',
  },
  returnSamples: {
    kind: 'command', roles: WAREHOUSE, request: ReturnSamplesRequest,
    http: { method: 'POST', path: 'inventory/sample-loans/:id/returns', body: ReturnSamplesBody },
    answers: SampleLoanView, summary: 'Samples back, all or part',
    errors: [404, { status: 409, description: 'Returned or written off already' }, { status: 422, description: 'More than is still out (naming the line)' }],
    description: 'Transfers back from ON_LOAN into the warehouse\'s `STOCK`; arriving stock serves waiting backorders first. The last unit back returns the loan.',
  },
  requestSampleWriteOff: {
    kind: 'command', roles: [...WAREHOUSE, 'sales_manager'], request: WriteOffSamplesRequest,
    http: { method: 'POST', path: 'inventory/sample-loans/:id/write-off', body: WriteOffSamplesBody },
    answers: SampleLoanView, summary: 'Ask to write off what is still out (lost, kept by the borrower)', errors: [404, 409],
  },
  approveSampleWriteOff: {
    kind: 'command', roles: ['warehouse_manager'], request: IdRequest,
    http: { method: 'POST', path: 'inventory/sample-loans/:id/write-off/approve' },
    answers: SampleLoanView, summary: 'Approve the write-off: what is still out leaves ON_LOAN as an adjustment',
    errors: [404, { status: 403, description: 'The person who asked (`self-approval`)' }, { status: 409, description: 'No write-off asked for' }],
  },
  listSampleLoans: {
    kind: 'query', roles: [...WAREHOUSE, 'sales_manager'], request: ListSampleLoansQuery,
    http: { method: 'GET', path: 'inventory/sample-loans' },
    answers: pageOf(SampleLoanView), summary: 'List sample loans, earliest due first',
    description: '`overdue=true`: past the expected return date and not fully returned. Filter by `status`.',
  },
} satisfies Record<string, OperationSpec>;
