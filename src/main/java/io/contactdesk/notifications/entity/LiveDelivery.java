package io.contactdesk.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * How many open consoles one node pushed one kind of live event about one contact to. Written by
 * {@code LiveDeliveries} in SQL (a row for a contact deleted meanwhile must not be inserted, which
 * a persist cannot tell), read here for the contact's delivery trail.
 */
@Entity
@Table(name = "live_delivery")
@IdClass(LiveDelivery.Key.class)
public class LiveDelivery {

  /** The primary key: one row per contact, kind and node. */
  public record Key(String contactId, OutboxMail.Kind kind, String node) implements Serializable {}

  @Id
  @Column(name = "contact_id")
  private String contactId;

  @Id
  @Enumerated(EnumType.STRING)
  private OutboxMail.Kind kind;

  @Id private String node;

  private int sessions;

  private Instant at;

  protected LiveDelivery() {}
}
