import { Injectable } from '@nestjs/common';
import { ListNotificationsQuery, type Actor, ListShippingNoticesQuery, ListShortagesQuery, pageWindow, SalesCatalog, type NotificationIdRequest, type NotificationView, type Page, type RecordCustomerToldRequest, type ShippingNoticeTaskView, type ShortageView } from '@ops/contracts';
import { businessDate, DomainError } from '@ops/kernel';
import { rowByKey } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import { In, IsNull, type EntityManager } from 'typeorm';
import { NotificationEntity, OrderEntity, ShippingNoticeEntity, ShortageEntity } from '../infra/persistence/sales.entities.js';
import { noticeTaskView, notificationView, shortageView } from './views.js';

/** A notice is addressed to a person's user id, or to their sign-in name when it is for a customer's rep. */
const recipientsOf = (actor: Actor) => [actor.userId, ...(actor.username ? [actor.username] : [])];

/** The sales desk's lists: the shortage register for the sales manager, and whom to tell about a shipment today. */
@Injectable()
export class SalesDesk {
  /**
   * In line order: the place inventory gave each backorder, which is the order arriving stock is
   * reserved in (domain.md §4.5). Shortages registered before inventory gave places come first, oldest first.
   */
  @Handles(SalesCatalog.listShortages)
  async listShortages(query: ListShortagesQuery, { tx }: CommandContext): Promise<Page<ShortageView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = tx.createQueryBuilder(ShortageEntity, 's');
    if (query.status === 'open') qb.andWhere('s.filled_at IS NULL');
    if (query.status === 'filled') qb.andWhere('s.filled_at IS NOT NULL');
    if (query.sku) qb.andWhere('s.sku = :sku', { sku: query.sku });
    const [rows, total] = await qb.orderBy('s.sequence', 'ASC', 'NULLS FIRST').addOrderBy('s.registered_at', 'ASC').addOrderBy('s.id', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    const orders = await this.ordersOf(tx, rows.map((r) => r.orderId));
    return { items: rows.map((r) => shortageView(r, orders.get(r.orderId)!)), page, pageSize, total };
  }

  /**
   * The day after shipping the customer is told method, carrier, tracking number and pieces (domain.md §4.8):
   * `due` lists the notices whose day has come and who has not been told yet.
   */
  @Handles(SalesCatalog.listShippingNotices)
  async listShippingNotices(query: ListShippingNoticesQuery, { tx }: CommandContext): Promise<Page<ShippingNoticeTaskView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = tx.createQueryBuilder(ShippingNoticeEntity, 'n');
    const today = businessDate();
    if (query.status === 'due') qb.andWhere('n.told_at IS NULL AND n.notify_on <= :today', { today });
    if (query.status === 'scheduled') qb.andWhere('n.told_at IS NULL AND n.notify_on > :today', { today });
    if (query.status === 'told') qb.andWhere('n.told_at IS NOT NULL');
    if (query.orderId) qb.andWhere('n.order_id = :orderId', { orderId: query.orderId });
    const [rows, total] = await qb.orderBy('n.notify_on', 'ASC').addOrderBy('n.created_at', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    const orders = await this.ordersOf(tx, rows.map((r) => r.orderId));
    return { items: rows.map((n) => noticeTaskView(n, orders.get(n.orderId)!)), page, pageSize, total };
  }

  @Handles(SalesCatalog.recordCustomerTold)
  async recordCustomerTold(request: RecordCustomerToldRequest, { tx, actor }: CommandContext): Promise<ShippingNoticeTaskView> {
    const notice = await rowByKey(tx, ShippingNoticeEntity, 'shipmentId', request.shipmentId, { lock: true });
    if (!notice) throw new DomainError('not_found', 'notice-not-found', `No shipping notice for shipment ${request.shipmentId}`);
    if (notice.toldAt) throw new DomainError('conflict', 'customer-already-told', `The customer was told about this shipment at ${notice.toldAt.toISOString()} by ${notice.toldBy}`);
    const told = { toldAt: new Date(), toldBy: actor.userId, toldVia: request.via, note: request.note ?? null };
    await tx.update(ShippingNoticeEntity, { shipmentId: notice.shipmentId }, told);
    return noticeTaskView(Object.assign(notice, told), await tx.findOneByOrFail(OrderEntity, { id: notice.orderId }));
  }

  /** What the platform has told the signed-in person about their orders, newest first. */
  @Handles(SalesCatalog.listMyNotifications)
  async listMyNotifications(query: ListNotificationsQuery, { tx, actor }: CommandContext): Promise<Page<NotificationView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where = { recipient: In(recipientsOf(actor)), ...(query.unread === 'true' ? { readAt: IsNull() } : {}) };
    const [rows, total] = await tx.findAndCount(NotificationEntity, { where, order: { id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(notificationView), page, pageSize, total };
  }

  @Handles(SalesCatalog.markNotificationRead)
  async markNotificationRead(request: NotificationIdRequest, { tx, actor }: CommandContext): Promise<NotificationView> {
    // Someone else's notice is not found, rather than forbidden: its existence is not theirs to learn.
    const notice = await tx.findOneBy(NotificationEntity, { id: String(request.id), recipient: In(recipientsOf(actor)) });
    if (!notice) throw new DomainError('not_found', 'notification-not-found', `You have no notification ${request.id}`);
    if (!notice.readAt) {
      notice.readAt = new Date();
      await tx.update(NotificationEntity, { id: notice.id }, { readAt: notice.readAt });
    }
    return notificationView(notice);
  }

  private async ordersOf(tx: EntityManager, ids: string[]): Promise<Map<string, OrderEntity>> {
    if (!ids.length) return new Map();
    const orders = await tx.findBy(OrderEntity, { id: In([...new Set(ids)]) });
    return new Map(orders.map((o) => [o.id, o]));
  }
}
