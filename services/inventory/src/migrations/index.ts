import { InitialInventory1763800000000 } from './1763800000000-initial-inventory.js';
import { AuditLogInventory1763900000000 } from './1763900000000-audit-log.js';
import { DeliveryReceipts1764000000000 } from './1764000000000-delivery-receipts.js';
import { PickLists1764100000000 } from './1764100000000-pick-lists.js';
import { Backorders1764200000000 } from './1764200000000-backorders.js';
import { LotsAndReceipts1764300000000 } from './1764300000000-lots-and-receipts.js';
import { ReleaseBasis1764400000000 } from './1764400000000-release-basis.js';
import { StateHistoryInventory1764600000000 } from './1764600000000-state-history.js';
import { MovementKinds1764700000000 } from './1764700000000-movement-kinds.js';
import { CreditHolds1764800000000 } from './1764800000000-credit-holds.js';
import { ReorderPoints1765200000000 } from './1765200000000-reorder-points.js';
import { ReturnsInventory1765400000000 } from './1765400000000-returns.js';
import { Purchasing1765500000000 } from './1765500000000-purchasing.js';
import { TransfersStocktakes1765510000000 } from './1765510000000-transfers-stocktakes.js';
import { PurchaseReturns1765520000000 } from './1765520000000-purchase-returns.js';
import { OutletStock1765600000000 } from './1765600000000-outlet-stock.js';
import { FollowedSkus1765710000000 } from './1765710000000-followed-skus.js';
import { Production1765760000000 } from './1765760000000-production.js';
import { MaterialRequests1765770000000 } from './1765770000000-material-requests.js';
import { RefuseUnless1765780000000 } from './1765780000000-refuse-unless.js';

export const INVENTORY_MIGRATIONS = [
  InitialInventory1763800000000, AuditLogInventory1763900000000, DeliveryReceipts1764000000000, PickLists1764100000000, Backorders1764200000000,
  LotsAndReceipts1764300000000, ReleaseBasis1764400000000, StateHistoryInventory1764600000000, MovementKinds1764700000000,
  CreditHolds1764800000000, ReorderPoints1765200000000, ReturnsInventory1765400000000,
  Purchasing1765500000000,
  TransfersStocktakes1765510000000,
  PurchaseReturns1765520000000,
  OutletStock1765600000000,
  FollowedSkus1765710000000,
  Production1765760000000,
  MaterialRequests1765770000000,
  RefuseUnless1765780000000,
];
