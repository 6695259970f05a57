import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { SampleLoan } from '../../domain/sample-loan.js';
import type { Stocktake } from '../../domain/stocktake.js';
import type { Transfer } from '../../domain/transfer.js';
import { SampleLoanEntity, StocktakeEntity, TransferEntity } from './warehouse-operations.entities.js';

/** Transfers between warehouses: the only writer of a transfer's status. */
@Injectable()
export class TransferStore extends AggregateStore<TransferEntity, Transfer> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'transfer', entity: TransferEntity, notFound: (id) => new DomainError('not_found', 'transfer-not-found', `No transfer ${id}`) }, outbox);
  }
}

/** Stocktakes: the only writer of a stocktake's status, sheets and adjustments. */
@Injectable()
export class StocktakeStore extends AggregateStore<StocktakeEntity, Stocktake> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'stocktake', entity: StocktakeEntity, notFound: (id) => new DomainError('not_found', 'stocktake-not-found', `No stocktake ${id}`) }, outbox);
  }
}

/** Sample loans: the only writer of a loan's status. */
@Injectable()
export class SampleLoanStore extends AggregateStore<SampleLoanEntity, SampleLoan> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'sample-loan', entity: SampleLoanEntity, notFound: (id) => new DomainError('not_found', 'sample-loan-not-found', `No sample loan ${id}`) }, outbox);
  }
}

export const WAREHOUSE_OPERATION_STORES = [TransferStore, StocktakeStore, SampleLoanStore];
