/** The purchasing desk's screens (routed in App.tsx). */
export { MaterialRequests } from './MaterialRequests';
export { PurchaseOrders } from './PurchaseOrders';
export { PurchaseReturns } from './PurchaseReturns';
export { PurchaseSuggestions } from './PurchaseSuggestions';
export { SupplierEvaluation } from './SupplierEvaluation';
export { Suppliers } from './Suppliers';
