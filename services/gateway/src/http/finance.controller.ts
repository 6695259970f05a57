import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CreditHoldBody, CreditHoldView, CustomerPrepaymentView, FinanceRpc, InvoiceView, IssueInvoiceBody, JournalEntryView, ListInvoicesQuery, ListJournalQuery,
  ListReceiptsQuery, ListReceivablesQuery, OrderAccountView, ReceiptView, ReceivableView, RecordedReceiptView, RecordReceiptRequest, StatementQuery, StatementView,
  TrialBalanceView, VoidInvoiceBody,
} from '@ops/contracts';
import { Allow } from './access.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { CreateDoc, PageOf, ReadDoc } from '../openapi/docs.js';
import { ProblemDoc } from './problem.js';
import { ServiceBus } from './service-bus.js';

@ApiTags('finance')
@Controller('finance')
export class FinanceController {
  constructor(private readonly bus: ServiceBus) {}

  @Allow('finance', FinanceRpc.recordReceipt)
  @Post('receipts')
  @HttpCode(201)
  @CreateDoc(
    'Record money received for an order',
    RecordedReceiptView,
    [422],
    'Gives the receipt a gapless number. The receipt that completes the amount due confirms payment: the order moves on and ' +
      'inventory may ship it. Money beyond the amount due becomes the customer\'s prepayment, used for their next orders. A receipt ' +
      'that leaves a prepaid order partly paid is a deposit below the required amount: it waits in `awaiting_deposit_approval` until ' +
      'a sales manager accepts it (`POST …/{id}/approve-deposit`). Money for an invoiced credit order settles its receivable first. ' +
      '422 when finance has not (yet) opened the order: it is unknown, waiting for approval, or the placement is still on its way.',
  )
  recordReceipt(@Req() req: AuthenticatedRequest, @Body() body: RecordReceiptRequest) {
    return this.bus.call(req, 'finance', FinanceRpc.recordReceipt, body);
  }

  @Allow('finance', FinanceRpc.listReceipts)
  @Get('receipts')
  @ReadDoc('List receipts, newest first', PageOf(ReceiptView))
  listReceipts(@Req() req: AuthenticatedRequest, @Query() query: ListReceiptsQuery) {
    return this.bus.call(req, 'finance', FinanceRpc.listReceipts, query);
  }

  @Allow('finance', FinanceRpc.getOrderAccount)
  @Get('orders/:orderId/account')
  @ReadDoc('Amount due, paid and outstanding for an order', OrderAccountView, [404])
  getOrderAccount(@Req() req: AuthenticatedRequest, @Param('orderId', new ParseUUIDPipe()) orderId: string) {
    return this.bus.call(req, 'finance', FinanceRpc.getOrderAccount, { orderId });
  }

  @Allow('finance', FinanceRpc.listInvoices)
  @Get('invoices')
  @ReadDoc('List invoices, newest first', PageOf(InvoiceView))
  listInvoices(@Req() req: AuthenticatedRequest, @Query() query: ListInvoicesQuery) {
    return this.bus.call(req, 'finance', FinanceRpc.listInvoices, query);
  }

  @Get('journal')
  @Allow('finance', FinanceRpc.listJournal)
  @ReadDoc('Journal entries, newest first', PageOf(JournalEntryView), [], 'Every receipt, invoice, void and refund posts one balanced double entry; entries are never changed, a void is a reversing entry.')
  listJournal(@Req() req: AuthenticatedRequest, @Query() query: ListJournalQuery) {
    return this.bus.call(req, 'finance', FinanceRpc.listJournal, query);
  }

  @Get('trial-balance')
  @Allow('finance', FinanceRpc.getTrialBalance)
  @ReadDoc('Trial balance', TrialBalanceView, [], 'Debits, credits and balance per account; the totals are equal when the books are right.')
  getTrialBalance(@Req() req: AuthenticatedRequest) {
    return this.bus.call(req, 'finance', FinanceRpc.getTrialBalance, {});
  }

  @Post('receipts/:id/verify')
  @HttpCode(200)
  @Allow('finance', FinanceRpc.verifyTransfer)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The person who recorded the transfer may not verify it' })
  @ReadDoc('Verify a transfer receipt', RecordedReceiptView, [404, 409, 422], 'A transfer counts toward the order only once someone in finance, not the recorder, has seen the money arrive.')
  verifyTransfer(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'finance', FinanceRpc.verifyTransfer, { receiptId: id });
  }

  @Post('receipts/:id/approve-deposit')
  @HttpCode(200)
  @Allow('finance', FinanceRpc.approveDeposit)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The person who recorded the receipt (`self-approval`)' })
  @ReadDoc('Accept a deposit below the required amount', RecordedReceiptView, [404, 409, 422], 'The receipt then counts toward the order like any other. 409 when the receipt is not waiting for this.')
  approveDeposit(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'finance', FinanceRpc.approveDeposit, { receiptId: id });
  }

  @Allow('finance', FinanceRpc.issueInvoice)
  @Post('orders/:orderId/invoice')
  @HttpCode(201)
  @CreateDoc(
    'Invoice what is left of an order',
    InvoiceView,
    [404, 409, 422],
    'For a prepaid order paid in full before it ships, or an order whose invoice was voided. Shipments are invoiced automatically. ' +
      '`customerName`, when given, must be the name on the order (422 naming `customerName`). 409 when the order is invoiced in full.',
  )
  issueInvoice(@Req() req: AuthenticatedRequest, @Param('orderId', new ParseUUIDPipe()) orderId: string, @Body() body: IssueInvoiceBody) {
    return this.bus.call(req, 'finance', FinanceRpc.issueInvoice, { orderId, ...body });
  }

  @Post('invoices/:id/void')
  @HttpCode(200)
  @Allow('finance', FinanceRpc.voidInvoice)
  @ReadDoc(
    'Void an invoice',
    InvoiceView,
    [404, 409],
    'Finance manager only, with a reason (400 naming `reason` when missing or blank). Posts a reversing entry (revenue and VAT back; what ' +
      'was still owed leaves receivables; money that had covered it is held for the customer again) and, when something was still owed, ' +
      'tells sales the new receivable (`finance.receivable.changed`). The number stays used. 409 when already voided.',
  )
  voidInvoice(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: VoidInvoiceBody) {
    return this.bus.call(req, 'finance', FinanceRpc.voidInvoice, { invoiceId: id, ...body });
  }

  @Allow('finance', FinanceRpc.listReceivables)
  @Get('receivables')
  @ReadDoc('Receivables, earliest due first', PageOf(ReceivableView), [], 'One per credit invoice, due after the customer\'s payment terms; `overdue=true` lists those past due.')
  listReceivables(@Req() req: AuthenticatedRequest, @Query() query: ListReceivablesQuery) {
    return this.bus.call(req, 'finance', FinanceRpc.listReceivables, query);
  }

  @Allow('finance', FinanceRpc.getCustomerStatement)
  @Get('customers/:customerId/statement')
  @ReadDoc(
    'A customer\'s statement for a period',
    StatementView,
    [],
    'What the customer owes (receivables 1122 minus money held for them 2203, from the journal): opening balance, every invoice, receipt, ' +
      'void and refund with its document number and a running balance, closing balance. Business dates (Asia/Shanghai); 400 when `to` is before `from`.',
  )
  getCustomerStatement(@Req() req: AuthenticatedRequest, @Param('customerId', new ParseUUIDPipe()) customerId: string, @Query() query: StatementQuery) {
    return this.bus.call(req, 'finance', FinanceRpc.getCustomerStatement, { customerId, ...query });
  }

  @Allow('finance', FinanceRpc.getCustomerPrepayment)
  @Get('customers/:customerId/prepayment')
  @ReadDoc('Money held for a customer, and how it moved', CustomerPrepaymentView, [], 'Overpayments and money kept from cancelled orders, used automatically for the customer\'s next orders.')
  getCustomerPrepayment(@Req() req: AuthenticatedRequest, @Param('customerId', new ParseUUIDPipe()) customerId: string) {
    return this.bus.call(req, 'finance', FinanceRpc.getCustomerPrepayment, { customerId });
  }

  @Post('customers/:customerId/credit-hold')
  @HttpCode(200)
  @Allow('finance', FinanceRpc.placeCreditHold)
  @ReadDoc('Stop supply to a customer (credit hold)', CreditHoldView, [409], 'Sales then refuses every new order of the customer until the hold is released. 409 when already on hold.')
  placeCreditHold(@Req() req: AuthenticatedRequest, @Param('customerId', new ParseUUIDPipe()) customerId: string, @Body() body: CreditHoldBody) {
    return this.bus.call(req, 'finance', FinanceRpc.placeCreditHold, { customerId, ...body });
  }

  @Post('customers/:customerId/credit-release')
  @HttpCode(200)
  @Allow('finance', FinanceRpc.releaseCreditHold)
  @ReadDoc('Resume supply to a customer', CreditHoldView, [409], '409 when the customer is not on hold.')
  releaseCreditHold(@Req() req: AuthenticatedRequest, @Param('customerId', new ParseUUIDPipe()) customerId: string, @Body() body: CreditHoldBody) {
    return this.bus.call(req, 'finance', FinanceRpc.releaseCreditHold, { customerId, ...body });
  }
}
