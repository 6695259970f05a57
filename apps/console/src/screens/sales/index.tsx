export { CreditChanges } from './CreditChanges';
export { Customers } from './Customers';
export { PriceLists } from './PriceLists';
export { Returns } from './Returns';
export { ShippingNotices } from './ShippingNotices';
export { Shortages } from './Shortages';
