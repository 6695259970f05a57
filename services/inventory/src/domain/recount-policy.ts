import type { IncidentType } from '@ops/contracts';

/** Incidents that put a location's stock in doubt, so its count must be checked (DESIGN §3). */
const RECOUNT_TYPES: ReadonlySet<IncidentType> = new Set(['theft', 'equipment_damage', 'unauthorized_goods_exit']);

export function needsRecount(type: IncidentType): boolean {
  return RECOUNT_TYPES.has(type);
}

/**
 * Warehouse locations are written `WAREHOUSE/LOCATION` (`MAIN/A-03`); anything else (`Gate 1`,
 * `car park`) is not in a warehouse, so there is nothing to recount there.
 */
export function parseLocation(location: string): { warehouseCode: string; location: string } | null {
  const slash = location.indexOf('/');
  if (slash <= 0 || slash === location.length - 1) return null;
  return { warehouseCode: location.slice(0, slash).trim(), location: location.slice(slash + 1).trim() };
}
