import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  FinanceRpc, InvoiceView, JournalEntryView, ListInvoicesQuery, ListJournalQuery, ListReceiptsQuery, OrderAccountView, ReceiptView, RecordedReceiptView,
  RecordReceiptRequest, TrialBalanceView,
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
      'inventory may ship it. Money beyond the amount due is kept as the customer\'s prepayment. 422 when finance has not ' +
      '(yet) opened the order: it is unknown, waiting for approval, or the placement is still on its way.',
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
  @ReadDoc('Journal entries, newest first', PageOf(JournalEntryView), [], 'Every receipt and invoice posts one balanced double entry; entries are never changed.')
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
}
