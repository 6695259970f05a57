import { Injectable } from '@nestjs/common';
import {
  pageWindow, SecurityCatalog, type AssignIncidentRequest, type IncidentDetailView, type IncidentEvidenceRequest, type IncidentIdRequest, type IncidentNoteRequest,
  type IncidentView, type ListSecurityNotificationsQuery, type SecurityNotificationView, type Page, type ResolveIncidentRequest,
} from '@ops/contracts';
import { businessNow } from '@ops/kernel';
import { Handles, historyOf, type CommandContext } from '@ops/service-kit';
import { In } from 'typeorm';
import {
  acknowledgeIncident, addIncidentEvidence, addIncidentNote, assignIncident, closeIncident, investigateIncident, resolveIncident,
} from '../domain/incident.js';
import { IncidentStore } from '../infra/persistence/stores.js';
import { NotificationEntity } from '../infra/persistence/watch.entities.js';
import { incidentView } from './site-commands.js';

/** An incident's life after its report (domain.md §7), and the notifications the desk reads. */
@Injectable()
export class IncidentLifecycle {
  constructor(private readonly incidents: IncidentStore) {}

  @Handles(SecurityCatalog.getIncident)
  async getIncident({ id }: IncidentIdRequest, { tx }: CommandContext): Promise<IncidentDetailView> {
    const incident = await this.incidents.get(tx, id, { lock: false });
    const history = await historyOf(tx, 'incident', id);
    return {
      ...incidentView(incident),
      notes: incident.notes ?? [],
      timeline: history.map((h) => ({ at: h.at.toISOString(), from: h.fromState, to: h.toState, reason: h.reason, actor: h.actorId })),
    };
  }

  @Handles(SecurityCatalog.acknowledgeIncident)
  async acknowledgeIncident({ id }: IncidentIdRequest, { tx, actor, cause }: CommandContext): Promise<IncidentView> {
    const { row } = await this.incidents.change(tx, id, (i) => acknowledgeIncident(i, actor.userId, businessNow()), { actor, cause });
    return incidentView(row);
  }

  @Handles(SecurityCatalog.assignIncident)
  async assignIncident({ id, assignee }: AssignIncidentRequest, { tx, actor, cause }: CommandContext): Promise<IncidentView> {
    const { row } = await this.incidents.change(tx, id, (i) => assignIncident(i, assignee, actor.userId), { actor, cause });
    return incidentView(row);
  }

  @Handles(SecurityCatalog.investigateIncident)
  async investigateIncident({ id }: IncidentIdRequest, { tx, actor, cause }: CommandContext): Promise<IncidentView> {
    const { row } = await this.incidents.change(tx, id, (i) => investigateIncident(i, actor.userId), { actor, cause });
    return incidentView(row);
  }

  @Handles(SecurityCatalog.resolveIncident)
  async resolveIncident({ id, resolution }: ResolveIncidentRequest, { tx, actor, cause }: CommandContext): Promise<IncidentView> {
    const { row } = await this.incidents.change(tx, id, (i) => resolveIncident(i, resolution, actor.userId), { actor, cause });
    return incidentView(row);
  }

  @Handles(SecurityCatalog.closeIncident)
  async closeIncident({ id }: IncidentIdRequest, { tx, actor, cause }: CommandContext): Promise<IncidentView> {
    const { row } = await this.incidents.change(tx, id, (i) => closeIncident(i, actor.userId, businessNow()), { actor, cause });
    return incidentView(row);
  }

  @Handles(SecurityCatalog.addIncidentNote)
  async addIncidentNote({ id, text }: IncidentNoteRequest, { tx, actor, cause }: CommandContext): Promise<IncidentView> {
    const { row } = await this.incidents.change(tx, id, (i) => addIncidentNote(i, text, actor.userId, businessNow()), { actor, cause });
    return incidentView(row);
  }

  @Handles(SecurityCatalog.addIncidentEvidence)
  async addIncidentEvidence({ id, references }: IncidentEvidenceRequest, { tx, actor, cause }: CommandContext): Promise<IncidentView> {
    const { row } = await this.incidents.change(tx, id, (i) => addIncidentEvidence(i, references, actor.userId), { actor, cause });
    return incidentView(row);
  }

  /** What the signed-in person's roles are told, newest first. */
  @Handles(SecurityCatalog.listNotifications)
  async listNotifications(query: ListSecurityNotificationsQuery, { tx, actor }: CommandContext): Promise<Page<SecurityNotificationView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(NotificationEntity, {
      where: { recipientRole: In([...actor.roles]) }, order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize,
    });
    return {
      items: rows.map((n) => ({ id: n.id, recipientRole: n.recipientRole, kind: n.kind, subject: n.subject, documentId: n.documentId, createdAt: n.createdAt.toISOString() })),
      page, pageSize, total,
    };
  }
}
