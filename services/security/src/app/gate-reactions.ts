import { Injectable } from '@nestjs/common';
import { GoodsShipped, type EventEnvelope, type GoodsShippedData } from '@ops/contracts';
import { OnEvent } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { ExpectedExitEntity } from '../infra/persistence/security.entities.js';

@Injectable()
export class GateReactions {
  /** No goods leave without settlement papers: the gate learns of each shipment before it arrives. */
  @OnEvent(GoodsShipped, 'expect-at-gate')
  async onGoodsShipped(event: EventEnvelope<GoodsShippedData>, tx: EntityManager): Promise<void> {
    const s = event.data;
    await tx.insert(ExpectedExitEntity, {
      shipmentId: s.shipmentId, shipmentNumber: s.shipmentNumber, orderId: s.orderId, carrier: s.carrier,
      trackingNumber: s.trackingNumber, pieces: s.pieces, status: 'expected',
    });
  }
}
