export { GateChecks } from './GateChecks';
export { Incidents } from './Incidents';
