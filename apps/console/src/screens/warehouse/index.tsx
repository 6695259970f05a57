/** The warehouse desk's screens (routed in App.tsx). */
export { GoodsReceipts } from './GoodsReceipts';
export { PickLists } from './PickLists';
export { ReturnsToReceive } from './ReturnsToReceive';
export { SampleLoans } from './SampleLoans';
export { Shipments } from './Shipments';
export { Stock } from './Stock';
export { Stocktakes } from './Stocktakes';
export { Transfers } from './Transfers';
