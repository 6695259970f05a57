import { Injectable } from '@nestjs/common';
import {
  businessDate, DomainError, ListNotificationsQuery, ListShippingNoticesQuery, ListShortagesQuery, NotificationIdRequest, pageWindow, RecordCustomerToldRequest, SalesRpc,
  type NotificationView, type Page, type ShippingNoticeTaskView, type ShortageView,
} from '@ops/contracts';
import type { RpcContext } from '@ops/messaging';
import { RpcHandler } from '@ops/service-kit';
import { DataSource, In, IsNull } from 'typeorm';
import { NotificationEntity, OrderEntity, ShippingNoticeEntity, ShortageEntity } from '../infra/persistence/sales.entities.js';
import { noticeTaskView, notificationView, shortageView } from './views.js';

/** The sales desk's lists: the shortage register for the sales manager, and whom to tell about a shipment today. */
@Injectable()
export class SalesDesk {
  constructor(private readonly dataSource: DataSource) {}

  /** Oldest first: the order in which arriving stock is reserved for them (DESIGN §4.5). */
  @RpcHandler(SalesRpc.listShortages, ListShortagesQuery)
  async listShortages(query: ListShortagesQuery): Promise<Page<ShortageView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = this.dataSource.getRepository(ShortageEntity).createQueryBuilder('s');
    if (query.status === 'open') qb.andWhere('s.filled_at IS NULL');
    if (query.status === 'filled') qb.andWhere('s.filled_at IS NOT NULL');
    if (query.sku) qb.andWhere('s.sku = :sku', { sku: query.sku });
    const [rows, total] = await qb.orderBy('s.registered_at', 'ASC').addOrderBy('s.id', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    const orders = await this.ordersOf(rows.map((r) => r.orderId));
    return { items: rows.map((r) => shortageView(r, orders.get(r.orderId)!)), page, pageSize, total };
  }

  /**
   * The day after shipping the customer is told method, carrier, tracking number and pieces (DESIGN §4.8):
   * `due` lists the notices whose day has come and who has not been told yet.
   */
  @RpcHandler(SalesRpc.listShippingNotices, ListShippingNoticesQuery)
  async listShippingNotices(query: ListShippingNoticesQuery): Promise<Page<ShippingNoticeTaskView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = this.dataSource.getRepository(ShippingNoticeEntity).createQueryBuilder('n');
    const today = businessDate();
    if (query.status === 'due') qb.andWhere('n.told_at IS NULL AND n.notify_on <= :today', { today });
    if (query.status === 'scheduled') qb.andWhere('n.told_at IS NULL AND n.notify_on > :today', { today });
    if (query.status === 'told') qb.andWhere('n.told_at IS NOT NULL');
    if (query.orderId) qb.andWhere('n.order_id = :orderId', { orderId: query.orderId });
    const [rows, total] = await qb.orderBy('n.notify_on', 'ASC').addOrderBy('n.created_at', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    const orders = await this.ordersOf(rows.map((r) => r.orderId));
    return { items: rows.map((n) => noticeTaskView(n, orders.get(n.orderId)!)), page, pageSize, total };
  }

  @RpcHandler(SalesRpc.recordCustomerTold, RecordCustomerToldRequest)
  recordCustomerTold(request: RecordCustomerToldRequest, context: RpcContext): Promise<ShippingNoticeTaskView> {
    return this.dataSource.transaction(async (tx) => {
      const notice = await tx.findOne(ShippingNoticeEntity, { where: { shipmentId: request.shipmentId }, lock: { mode: 'pessimistic_write' } });
      if (!notice) throw new DomainError('not_found', 'notice-not-found', `No shipping notice for shipment ${request.shipmentId}`);
      if (notice.toldAt) throw new DomainError('conflict', 'customer-already-told', `The customer was told about this shipment at ${notice.toldAt.toISOString()} by ${notice.toldBy}`);
      Object.assign(notice, { toldAt: new Date(), toldBy: context.actor.userId, toldVia: request.via, note: request.note ?? null });
      await tx.save(notice);
      return noticeTaskView(notice, await tx.findOneByOrFail(OrderEntity, { id: notice.orderId }));
    });
  }

  /** What the platform has told the signed-in person about their orders, newest first. */
  @RpcHandler(SalesRpc.listMyNotifications, ListNotificationsQuery)
  async listMyNotifications(query: ListNotificationsQuery, context: RpcContext): Promise<Page<NotificationView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where = { recipient: context.actor.userId, ...(query.unread === 'true' ? { readAt: IsNull() } : {}) };
    const [rows, total] = await this.dataSource.getRepository(NotificationEntity).findAndCount({ where, order: { id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(notificationView), page, pageSize, total };
  }

  @RpcHandler(SalesRpc.markNotificationRead, NotificationIdRequest)
  async markNotificationRead(request: NotificationIdRequest, context: RpcContext): Promise<NotificationView> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    // Someone else's notice is not found, rather than forbidden: its existence is not theirs to learn.
    const notice = await repo.findOneBy({ id: String(request.id), recipient: context.actor.userId });
    if (!notice) throw new DomainError('not_found', 'notification-not-found', `You have no notification ${request.id}`);
    notice.readAt ??= new Date();
    return notificationView(await repo.save(notice));
  }

  private async ordersOf(ids: string[]): Promise<Map<string, OrderEntity>> {
    if (!ids.length) return new Map();
    const orders = await this.dataSource.getRepository(OrderEntity).findBy({ id: In([...new Set(ids)]) });
    return new Map(orders.map((o) => [o.id, o]));
  }
}
