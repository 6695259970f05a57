/** The words of the material requests screen, in Simplified Chinese and English (both must have every key). */
export const MATERIAL_REQUEST_MESSAGES = {
  zh: {
    'nav.materialRequests': '物料申请',
    'materials.number': '申请单号',
    'materials.productionOrder': '生产单',
    'materials.sku': '物料',
    'materials.required': '需求数量',
    'materials.available': '可用库存',
    'materials.requested': '申请采购',
    'materials.status': '状态',
    'materials.purchaseOrder': '采购订单',
    'materials.raisedAt': '申请时间',
    'materials.filterStatus': '状态',
    'materials.filterSku': '物料编码',
    'materials.buy': '生成采购订单',
    'materials.supplier': '供应商',
    'materials.promisedDate': '承诺到货日',
    'materials.choose': '要采购的申请',
    'materials.noneOpen': '没有待采购的物料申请',
    'materials.unitPrice': '单价（元，含税）',
    'materials.cancel': '取消',
    'materials.cancelReason': '取消原因',
  },
  en: {
    'nav.materialRequests': 'Material requests',
    'materials.number': 'Request',
    'materials.productionOrder': 'Production order',
    'materials.sku': 'Material',
    'materials.required': 'Required',
    'materials.available': 'Available',
    'materials.requested': 'To buy',
    'materials.status': 'Status',
    'materials.purchaseOrder': 'Purchase order',
    'materials.raisedAt': 'Raised',
    'materials.filterStatus': 'Status',
    'materials.filterSku': 'Material code',
    'materials.buy': 'Draft a purchase order',
    'materials.supplier': 'Supplier',
    'materials.promisedDate': 'Promised delivery',
    'materials.choose': 'Requests to buy',
    'materials.noneOpen': 'No material requests waiting to be bought',
    'materials.unitPrice': 'Unit price (CNY, VAT incl.)',
    'materials.cancel': 'Cancel',
    'materials.cancelReason': 'Why it is cancelled',
  },
} as const;

/** Words for the material requests' states: code → [Chinese, English]. */
export const MATERIAL_REQUEST_LABELS: Record<string, [string, string]> = {
  'mr-status.open': ['待采购', 'Open'],
  'mr-status.ordered': ['已下单', 'Ordered'],
  'mr-status.received': ['已到货', 'Received'],
  'mr-status.cancelled': ['已取消', 'Cancelled'],
};

export const MR_STATUS_COLOR: Record<string, string> = { open: 'orange', ordered: 'blue', received: 'green', cancelled: 'default' };
