import type { components } from '../../api/schema';

export type IncidentType = components['schemas']['IncidentView']['type'];
export type IncidentSeverity = components['schemas']['IncidentView']['severity'];
export type IncidentStatus = components['schemas']['IncidentView']['status'];
type ExitStatus = components['schemas']['ExpectedExitView']['status'];
type GateOutcome = components['schemas']['GateCheckView']['outcome'];

/** The contract's incident types with their words (the type makes the list complete). */
const TYPE_LABELS: Record<IncidentType, [string, string]> = {
  theft: ['盗窃', 'Theft'],
  fire_hazard: ['火灾隐患', 'Fire hazard'],
  fire: ['火情', 'Fire'],
  fight: ['打架斗殴', 'Fight'],
  intrusion: ['非法闯入', 'Intrusion'],
  traffic_accident: ['交通事故', 'Traffic accident'],
  equipment_damage: ['设备损坏', 'Equipment damage'],
  suspicious_person: ['可疑人员', 'Suspicious person'],
  unauthorized_goods_exit: ['货物未经许可出门', 'Unauthorized goods exit'],
  other: ['其他', 'Other'],
};

const SEVERITY_LABELS: Record<IncidentSeverity, [string, string]> = {
  low: ['低', 'Low'],
  medium: ['中', 'Medium'],
  high: ['高', 'High'],
  critical: ['紧急', 'Critical'],
};

const STATUS_LABELS: Record<Exclude<IncidentStatus, 'closed'>, [string, string]> = {
  reported: ['已上报', 'Reported'],
  acknowledged: ['已受理', 'Acknowledged'],
  investigating: ['调查中', 'Investigating'],
  resolved: ['已处理', 'Resolved'],
};

/** The incident's states in the order of its life (`closed` has its words among the common labels). */
export const INCIDENT_STATUSES: IncidentStatus[] = ['reported', 'acknowledged', 'investigating', 'resolved', 'closed'];

const EXIT_LABELS: Record<ExitStatus | GateOutcome, [string, string]> = {
  expected: ['待出门', 'Expected'],
  cleared: ['已放行', 'Cleared'],
  mismatch: ['件数不符', 'Count mismatch'],
  unknown_shipment: ['无此发货单', 'Unknown shipment'],
};

export const INCIDENT_TYPES = Object.keys(TYPE_LABELS) as IncidentType[];
export const INCIDENT_SEVERITIES = Object.keys(SEVERITY_LABELS) as IncidentSeverity[];

export const SEVERITY_COLOR: Record<IncidentSeverity, string> = { low: 'green', medium: 'gold', high: 'orange', critical: 'red' };
export const INCIDENT_STATUS_COLOR: Record<IncidentStatus, string> = { reported: 'purple', acknowledged: 'blue', investigating: 'geekblue', resolved: 'green', closed: 'default' };
export const GATE_COLOR: Record<ExitStatus | GateOutcome, string> = { expected: 'blue', cleared: 'green', mismatch: 'red', unknown_shipment: 'volcano' };

/** Words for the API's codes shown on the security screens: code → [Chinese, English]. */
export const SECURITY_LABELS: Record<string, [string, string]> = {
  ...TYPE_LABELS,
  ...SEVERITY_LABELS,
  ...STATUS_LABELS,
  ...EXIT_LABELS,
};
