package io.contactdesk.activity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a queue's activity log. It says what happened, when, by whom and to which contact,
 * never what the visitor wrote: the content is only reachable through "View content", which is
 * itself logged. Entries outlive the contact they name (a deleted contact keeps its trail).
 */
@Entity
@Table(name = "activity_entry")
// Ordered by the index's columns from the first (the queue is fixed anyway): only then does H2 read
// the page off the index (queue_id, id DESC) instead of sorting the whole queue (migration V3).
@NamedQuery(
    name = ActivityEntry.PAGE,
    query =
        "select a from ActivityEntry a where a.queueId = :queueId and a.id < :before"
            + " order by a.queueId, a.id desc")
@NamedQuery(
    name = ActivityEntry.REGISTERED_SINCE,
    query =
        "select a from ActivityEntry a where a.id > :after and a.queueId in :queueIds"
            + " and a.type = :type order by a.id")
@NamedQuery(
    name = ActivityEntry.REGISTERED_AMONG,
    query = "select a from ActivityEntry a where a.id in :ids and a.type = :type order by a.id")
@NamedQuery(
    name = ActivityEntry.REGISTERED_AFTER,
    query = "select a from ActivityEntry a where a.id > :after and a.type = :type order by a.id")
@NamedQuery(name = ActivityEntry.LAST_ID, query = "select max(a.id) from ActivityEntry a")
public class ActivityEntry {

  public static final String PAGE = "ActivityEntry.page";
  public static final String REGISTERED_SINCE = "ActivityEntry.registeredSince";
  public static final String REGISTERED_AMONG = "ActivityEntry.registeredAmong";
  public static final String REGISTERED_AFTER = "ActivityEntry.registeredAfter";
  public static final String LAST_ID = "ActivityEntry.lastId";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "queue_id", nullable = false)
  private String queueId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ActivityType type;

  @Column(nullable = false)
  private Instant at;

  /** The username of the agent, or null for the visitor or the system. */
  private String actor;

  @Column(name = "contact_id")
  private String contactId;

  /** The contact's reference, which people quote; kept after the contact is erased. */
  private String reference;

  @Column(name = "detail_from")
  private String detailFrom;

  @Column(name = "detail_to")
  private String detailTo;

  /**
   * What a status or handler change changed: the status names, or the usernames (null for nobody).
   */
  public record Change(String from, String to) {}

  protected ActivityEntry() {}

  /** An entry about a contact; {@code change} is null but for a status or handler change. */
  public ActivityEntry(
      String queueId,
      ActivityType type,
      Instant at,
      String actor,
      String contactId,
      String reference,
      Change change) {
    this.queueId = Objects.requireNonNull(queueId);
    this.type = Objects.requireNonNull(type);
    this.at = Objects.requireNonNull(at);
    this.actor = actor;
    this.contactId = contactId;
    this.reference = reference;
    if (change != null) {
      this.detailFrom = change.from();
      this.detailTo = change.to();
    }
  }

  public Long id() {
    return id;
  }

  public String queueId() {
    return queueId;
  }

  public ActivityType type() {
    return type;
  }

  public Instant at() {
    return at;
  }

  public String actor() {
    return actor;
  }

  public String contactId() {
    return contactId;
  }

  public String reference() {
    return reference;
  }

  /** What changed, for a status or handler change; else null. */
  public Change change() {
    return type == ActivityType.STATUS_CHANGED || type == ActivityType.HANDLER_CHANGED
        ? new Change(detailFrom, detailTo)
        : null;
  }
}
