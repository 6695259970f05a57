/** The warehouse desk's screens (routed in App.tsx). */
export { GoodsReceipts } from './GoodsReceipts';
export { PickLists } from './PickLists';
export { ReturnsToReceive } from './ReturnsToReceive';
export { Shipments } from './Shipments';
export { Stock } from './Stock';
