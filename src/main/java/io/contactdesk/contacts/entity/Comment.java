package io.contactdesk.contacts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent's note on a contact, optionally moving its status or handing it over. Comments are an
 * append-only history: never edited, only erased with their contact.
 */
@Entity
@Table(name = "contact_comment")
@NamedQuery(
    name = Comment.OF_CONTACT,
    query = "select c from Comment c where c.contactId = :contactId order by c.at, c.id")
@NamedQuery(name = Comment.ERASE, query = "delete from Comment c where c.contactId = :contactId")
public class Comment {

  public static final String OF_CONTACT = "Comment.ofContact";
  public static final String ERASE = "Comment.erase";

  public static final int MAX_LENGTH = 10_000;

  @Id private String id;

  @Column(name = "contact_id", nullable = false)
  private String contactId;

  @Column(nullable = false)
  private String author;

  /** The author's display name when they wrote it: a deleted user's comments keep it. */
  @Column(name = "author_name", nullable = false)
  private String authorName;

  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false, length = MAX_LENGTH)
  private String body;

  @Enumerated(EnumType.STRING)
  @Column(name = "new_status")
  private Status newStatus;

  /** Whether the comment changed the handler: to {@link #newHandler}, or to nobody when null. */
  @Column(name = "handler_changed", nullable = false)
  private boolean handlerChanged;

  @Column(name = "new_handler")
  private String newHandler;

  protected Comment() {}

  public Comment(
      String id,
      String contactId,
      String author,
      String authorName,
      Instant at,
      String body,
      Status newStatus,
      boolean handlerChanged,
      String newHandler) {
    if (body == null || body.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a comment is text of at most " + MAX_LENGTH + " characters");
    }
    this.id = Objects.requireNonNull(id);
    this.contactId = Objects.requireNonNull(contactId);
    this.author = Objects.requireNonNull(author);
    this.authorName = Objects.requireNonNull(authorName);
    this.at = Objects.requireNonNull(at);
    this.body = body;
    this.newStatus = newStatus;
    if (newHandler != null && !handlerChanged) {
      throw new IllegalArgumentException("a new handler is a change of the handler");
    }
    this.handlerChanged = handlerChanged;
    this.newHandler = newHandler;
  }

  public String id() {
    return id;
  }

  public String contactId() {
    return contactId;
  }

  public String author() {
    return author;
  }

  public String authorName() {
    return authorName;
  }

  public Instant at() {
    return at;
  }

  public String body() {
    return body;
  }

  public Status newStatus() {
    return newStatus;
  }

  public boolean handlerChanged() {
    return handlerChanged;
  }

  public String newHandler() {
    return newHandler;
  }
}
