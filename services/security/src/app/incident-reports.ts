import { Injectable } from '@nestjs/common';
import { SecurityCatalog, type IncidentSummaryQuery, type IncidentSummaryView } from '@ops/contracts';
import { businessDate, reportPeriod } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import { incidentSummary, type IncidentTally } from '../domain/incident-summary.js';

/** What the security dashboard reads: a period's incidents by type and severity. */
@Injectable()
export class IncidentReports {
  @Handles(SecurityCatalog.getIncidentSummary)
  async getIncidentSummary(query: IncidentSummaryQuery, { tx }: CommandContext): Promise<IncidentSummaryView> {
    const period = reportPeriod(query, businessDate());
    // Incidents by when they occurred, from the first moment of `from` to the last of `to` in Asia/Shanghai.
    const tallies: IncidentTally[] = await tx.query(
      `SELECT type, severity, status, count(*)::int AS count
         FROM incidents
        WHERE occurred_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND occurred_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
        GROUP BY type, severity, status`,
      [period.from, period.to],
    );
    return { ...period, ...incidentSummary(tallies) };
  }
}
