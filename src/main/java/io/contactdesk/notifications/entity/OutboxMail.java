package io.contactdesk.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * One e-mail owed to one agent about one new contact. Written in the contact's own transaction, so
 * a stored contact always has its mail owed, and sent later by a worker that retries with back-off.
 * It holds the recipient and the contact's id, never what the visitor wrote.
 */
@Entity
@Table(name = "mail_outbox")
@NamedQuery(name = OutboxMail.ERASE, query = "delete from OutboxMail m where m.contactId = :contactId")
public class OutboxMail {

  public static final String ERASE = "OutboxMail.erase";

  /** Where a mail is on its way out. */
  public enum State {
    PENDING,
    SENT,
    FAILED
  }

  @Id private String id;

  @Column(name = "contact_id", nullable = false)
  private String contactId;

  @Column(name = "queue_id", nullable = false)
  private String queueId;

  @Column(nullable = false)
  private String recipient;

  @Column(nullable = false)
  private String email;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private State state;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "last_error", length = 2000)
  private String lastError;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Version private long version;

  protected OutboxMail() {}

  public OutboxMail(String id, String contactId, String queueId, String recipient, String email, Instant now) {
    this.id = Objects.requireNonNull(id);
    this.contactId = Objects.requireNonNull(contactId);
    this.queueId = Objects.requireNonNull(queueId);
    this.recipient = Objects.requireNonNull(recipient);
    this.email = Objects.requireNonNull(email);
    this.createdAt = Objects.requireNonNull(now);
    this.state = State.PENDING;
    this.nextAttemptAt = now;
  }

  public String id() {
    return id;
  }

  public State state() {
    return state;
  }
}
