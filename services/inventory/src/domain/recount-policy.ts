import { StateMachine, type Step } from '@ops/kernel';

/** Incidents that put a location's stock in doubt, so its count must be checked (events.md). */
const RECOUNT_TYPES: ReadonlySet<string> = new Set(['theft', 'equipment_damage', 'unauthorized_goods_exit']);

export function needsRecount(type: string): boolean {
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

/** A location to recount stays open until someone counts it (a stocktake adjusts the ledger). */
export type RecountStatus = 'open' | 'counted';

export const RECOUNT_REQUEST = new StateMachine<RecountStatus>('recount request', { open: ['counted'], counted: [] });

export interface RecountRequest {
  incidentId: string;
  incidentNumber: string;
  warehouseCode: string;
  location: string;
  reason: string;
  status: RecountStatus;
}

export interface Incident {
  incidentId: string;
  incidentNumber: string;
  type: string;
  description: string;
  location: string;
}

/** Theft or damage in a warehouse location asks for a recount there; other incidents, or places outside the warehouses, ask for none. */
export function requestRecount(incident: Incident): Step<RecountRequest> | null {
  const place = parseLocation(incident.location);
  if (!needsRecount(incident.type) || !place) return null;
  return {
    state: {
      incidentId: incident.incidentId, incidentNumber: incident.incidentNumber, ...place, status: 'open',
      reason: `${incident.type} incident ${incident.incidentNumber}: ${incident.description}`.slice(0, 500),
    },
    transitions: [{ from: 'new', to: 'open', reason: `${incident.type} reported in ${incident.location}` }],
    events: [],
  };
}

export function recordCount<R extends RecountRequest>(request: R, countedBy: string): Step<R> {
  return { state: { ...request, status: 'counted' }, transitions: [RECOUNT_REQUEST.move(request.status, 'counted', `counted by ${countedBy}`)], events: [] };
}
