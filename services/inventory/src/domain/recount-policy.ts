import type { IncidentType } from '@ops/contracts';

/** Incidents that put a location's stock in doubt, so its count must be checked (DESIGN §3). */
const RECOUNT_TYPES: ReadonlySet<IncidentType> = new Set(['theft', 'equipment_damage', 'unauthorized_goods_exit']);

export function needsRecount(type: IncidentType): boolean {
  return RECOUNT_TYPES.has(type);
}

/** Incident locations name a warehouse first: `MAIN/A-03` is location A-03 of warehouse MAIN. */
export function parseLocation(location: string): { warehouseCode: string; location: string } {
  const [warehouseCode, ...rest] = location.split('/');
  return { warehouseCode: warehouseCode.trim(), location: rest.join('/').trim() || warehouseCode.trim() };
}
