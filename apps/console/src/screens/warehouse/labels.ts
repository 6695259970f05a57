/**
 * Words for the API's codes shown on the warehouse screens: code → [Chinese, English]. Codes another desk
 * also uses with another meaning (`open`, `transfer`, `shipped`…) are kept under a prefix: `label('movement.transfer')`.
 */
export const WAREHOUSE_LABELS: Record<string, [string, string]> = {
  'receipt-status.saved': ['已保存（未审核）', 'Saved (not audited)'],
  'receipt-status.audited': ['已审核入库', 'Audited'],
  'movement.receipt': ['入库', 'Receipt'],
  'movement.shipment': ['发货出库', 'Shipment'],
  'movement.issue': ['其他出库', 'Issue'],
  'movement.adjustment': ['盘点调整', 'Adjustment'],
  'movement.transfer': ['移库', 'Transfer'],
  'reservation.reserved': ['已预留', 'Reserved'],
  'reservation.released': ['已释放', 'Released'],
  'reservation.shipped': ['已全部发出', 'Shipped'],
  'recount.open': ['待盘点', 'To recount'],
  'recount.counted': ['已盘点', 'Counted'],
};

/** Tag colours per code (the API's code, without the prefix). */
export const PICK_LIST_COLOR: Record<string, string> = { open: 'orange', picked: 'gold', verified: 'cyan', packed: 'blue', shipped: 'green' };
export const RECEIPT_COLOR: Record<string, string> = { saved: 'orange', audited: 'green' };
export const MOVEMENT_COLOR: Record<string, string> = { receipt: 'green', shipment: 'blue', issue: 'volcano', adjustment: 'purple', transfer: 'cyan' };
export const RESERVATION_COLOR: Record<string, string> = { reserved: 'blue', released: 'default', shipped: 'green' };
export const RECOUNT_COLOR: Record<string, string> = { open: 'orange', counted: 'green' };
