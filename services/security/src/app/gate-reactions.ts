import { Injectable } from '@nestjs/common';
import { GoodsShipped, type EventEnvelope, type GoodsShippedData } from '@ops/contracts';
import { causedBy } from '@ops/messaging';
import { OnEvent } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { expectExit } from '../domain/gate-check.js';
import { ExpectedExitStore } from '../infra/persistence/stores.js';

@Injectable()
export class GateReactions {
  constructor(private readonly exits: ExpectedExitStore) {}

  /** No goods leave without settlement papers: the gate learns of each shipment before it arrives. */
  @OnEvent(GoodsShipped, 'expect-at-gate')
  async onGoodsShipped(event: EventEnvelope<GoodsShippedData>, tx: EntityManager): Promise<void> {
    const s = event.data;
    await this.exits.create(tx, expectExit({
      shipmentId: s.shipmentId, shipmentNumber: s.shipmentNumber, orderId: s.orderId, carrier: s.carrier, trackingNumber: s.trackingNumber, pieces: s.pieces, expectedAt: new Date(),
    }), { actor: event.actor, cause: causedBy(event) });
  }
}
