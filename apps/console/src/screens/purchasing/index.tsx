/** The purchasing desk's screens (routed in App.tsx). */
export { PurchaseOrders } from './PurchaseOrders';
export { PurchaseReturns } from './PurchaseReturns';
export { PurchaseSuggestions } from './PurchaseSuggestions';
export { SupplierEvaluation } from './SupplierEvaluation';
export { Suppliers } from './Suppliers';
