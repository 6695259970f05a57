/** The production desk's screens (routed in App.tsx). */
export { LateSteps } from './LateSteps';
export { ProductionOrderDetail } from './ProductionOrderDetail';
export { ProductionOrders } from './ProductionOrders';
export { SkuSupply } from './SkuSupply';
