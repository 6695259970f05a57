import { ArrayMinSize, IsArray, IsBoolean, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-contract.js';

/**
 * What the online catalogue (sales' listings, one per SKU) tells the storefronts and inventory, and what inventory
 * answers. A listing is published only after someone other than its author reviewed it; each change of a published
 * listing goes out so a storefront can follow. Inventory follows the SKUs that are listed and reports their available
 * stock (warehouses of kind `warehouse` only, not the outlets' store warehouses); sales keeps the newest by sequence.
 * Prices are integer fen, VAT included.
 */

export class ListingPublishedData {
  @IsUUID() listingId: string;
  @IsString() @IsNotEmpty() sku: string;
  @IsString() @IsNotEmpty() titleZh: string;
  @IsString() @IsNotEmpty() titleEn: string;
  @IsString() @IsNotEmpty() categoryCode: string;
  @IsInt() @Min(0) priceFen: number;
  @IsInt() @Min(0) quantityOffered: number;
  /** Who published it: the reviewer who approved it, or whoever listed it again. */
  @IsString() @IsNotEmpty() by: string;
  @IsISO8601() at: string;
}

export const ListingPublished = defineEvent({
  type: 'sales.listing.published',
  version: 1,
  source: 'sales',
  payload: ListingPublishedData,
  description: 'A listing went on sale in the online store (approved by a reviewer other than its author, or listed again): storefronts show it, inventory starts reporting the SKU\'s available stock.',
});

export class ListingUnlistedData {
  @IsUUID() listingId: string;
  @IsString() @IsNotEmpty() sku: string;
  @IsString() @IsNotEmpty() by: string;
  @IsISO8601() at: string;
}

export const ListingUnlisted = defineEvent({
  type: 'sales.listing.unlisted',
  version: 1,
  source: 'sales',
  payload: ListingUnlistedData,
  description: 'A listing was taken off sale: storefronts hide it, inventory stops reporting the SKU\'s stock.',
});

export class ListingPriceChangedData {
  @IsUUID() listingId: string;
  @IsString() @IsNotEmpty() sku: string;
  /** The price before and after, fen, VAT included. */
  @IsInt() @Min(0) before: number;
  @IsInt() @Min(0) after: number;
  @IsString() @IsNotEmpty() by: string;
  @IsISO8601() at: string;
}

export const ListingPriceChanged = defineEvent({
  type: 'sales.listing.price-changed',
  version: 1,
  source: 'sales',
  payload: ListingPriceChangedData,
  description: 'The price on sale of a listed (or unlisted) SKU changed; no new review is needed. The change is in the listing\'s history.',
});

export class ListingChangedData {
  @IsUUID() listingId: string;
  @IsString() @IsNotEmpty() sku: string;
  /** What changed: `quantityOffered`, `quantityOnSale`, `soldOut` (the listing's history has each before and after). */
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) fields: string[];
  @IsInt() @Min(0) quantityOffered: number;
  /** The quantity on sale now: min(quantity offered, available stock). */
  @IsInt() @Min(0) quantityOnSale: number;
  @IsBoolean() soldOut: boolean;
  @IsString() @IsNotEmpty() by: string;
  @IsISO8601() at: string;
}

export const ListingChanged = defineEvent({
  type: 'sales.listing.changed',
  version: 1,
  source: 'sales',
  payload: ListingChangedData,
  description: 'A published listing changed otherwise than by its price: the quantity offered, or the quantity on sale as stock moved (sold out, or back).',
});

/* ---- What the listings hear back (declared here, beside what they answer). ---- */

export class AvailabilityChangedData {
  @IsString() @IsNotEmpty() sku: string;
  /** On hand less reserved, summed over the sellable warehouses of kind `warehouse` (not the outlets' stores). */
  @IsInt() @Min(0) availableQuantity: number;
  /** Rises with every report of any SKU: a consumer keeps the highest it has seen per SKU and ignores older ones. */
  @IsInt() @Min(1) sequence: number;
  @IsISO8601() asOf: string;
}

export const AvailabilityChanged = defineEvent({
  type: 'inventory.availability.changed',
  version: 1,
  source: 'inventory',
  payload: AvailabilityChangedData,
  description: 'The available stock of a SKU the online store lists: once when inventory starts following it (on `sales.listing.published`) and after every stock movement that changes it, in the movement\'s transaction.',
});
