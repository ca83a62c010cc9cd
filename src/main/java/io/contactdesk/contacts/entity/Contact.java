package io.contactdesk.contacts.entity;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.JsonColumn;
import io.contactdesk.platform.PlainText;
import io.contactdesk.queues.entity.Answer;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A registered contact: one message a visitor left while the queue was closed. The answers are
 * stored with the labels they were asked under, so the contact reads the same after the form
 * changes. The id is random and unguessable; the reference is a short code for people to quote.
 */
@Entity
@Table(name = "contact")
@NamedQuery(
    name = Contact.BY_IDEMPOTENCY_KEY,
    query = "select c from Contact c where c.idempotencyScope = :scope")
@NamedQuery(
    name = Contact.OLDER_THAN,
    query =
        "select c from Contact c where c.queueId = :queueId and c.createdAt < :before order by c.createdAt")
@NamedQuery(
    name = Contact.IDS_IN_QUEUE,
    query = "select c.id, c.reference from Contact c where c.queueId = :queueId")
@NamedQuery(
    name = Contact.ERASE_QUEUE_COMMENTS,
    query =
        "delete from Comment m where m.contactId in"
            + " (select c.id from Contact c where c.queueId = :queueId)")
@NamedQuery(name = Contact.ERASE_QUEUE, query = "delete from Contact c where c.queueId = :queueId")
// the contacts of a queue that are due for escalation: one range of the index contact_unanswered
// (migration V17), holding only contacts nobody has answered or escalated yet, never a scan
@NamedQuery(
    name = Contact.UNANSWERED,
    query =
        "select c.id from Contact c where c.queueId = :queueId and c.status = :status"
            + " and c.escalatedAt is null and c.firstCommentAt is null"
            + " and c.createdAt >= :since and c.createdAt <= :until")
public class Contact {

  public static final String UNANSWERED = "Contact.unanswered";

  public static final String IDS_IN_QUEUE = "Contact.idsInQueue";
  public static final String ERASE_QUEUE_COMMENTS = "Contact.eraseQueueComments";
  public static final String ERASE_QUEUE = "Contact.eraseQueue";
  public static final String BY_IDEMPOTENCY_KEY = "Contact.byIdempotencyKey";
  public static final String OLDER_THAN = "Contact.olderThan";

  @Id private String id;

  @Column(nullable = false)
  private String reference;

  @Column(name = "queue_id", nullable = false)
  private String queueId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Source source;

  @Column(nullable = false)
  private String language;

  @Column(name = "page_url")
  private String pageUrl;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  private String handler;

  @Convert(converter = AnswersColumn.class)
  @Column(nullable = false, length = 1_000_000)
  private List<Answer> answers;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  // the replay lookup's one column, so no plan can read it off another index (migration V8)
  @Column(name = "idempotency_scope")
  private String idempotencyScope;

  // SHA-256 of the request that carried the key; null for contacts stored before it was kept
  @Column(name = "idempotency_fingerprint")
  private String idempotencyFingerprint;

  // kept here, not looked up among the comments, so the statistics read it off an index
  @Column(name = "first_comment_at")
  private Instant firstCommentAt;

  // the answer to the form's first e-mail field, in lower case: what a search by e-mail looks up
  @Column(name = "visitor_email")
  private String visitorEmail;

  @Column(name = "escalated_at")
  private Instant escalatedAt;

  @Column(nullable = false)
  private boolean overdue;

  @Version private long version;

  protected Contact() {}

  /**
   * A new contact. With an {@code Idempotency-Key}, {@code fingerprint} identifies the request's
   * body, so a retry can be told from another message under the same key; both may be null.
   */
  public Contact(
      String id,
      String reference,
      String queueId,
      Instant createdAt,
      Source source,
      String language,
      PageUrl pageUrl,
      List<Answer> answers,
      String idempotencyKey,
      String fingerprint) {
    if (answers == null || answers.isEmpty()) {
      throw new IllegalArgumentException("a contact needs at least one answer");
    }
    this.id = Objects.requireNonNull(id);
    this.reference = Objects.requireNonNull(reference);
    this.queueId = Objects.requireNonNull(queueId);
    this.createdAt = Objects.requireNonNull(createdAt);
    this.source = Objects.requireNonNull(source);
    this.language = Objects.requireNonNull(language);
    this.pageUrl = pageUrl == null ? null : pageUrl.value();
    this.answers = List.copyOf(answers);
    this.idempotencyKey = idempotencyKey;
    this.idempotencyScope =
        idempotencyKey == null ? null : idempotencyScope(queueId, idempotencyKey);
    this.idempotencyFingerprint = idempotencyKey == null ? null : fingerprint;
    this.status = Status.NEW;
  }

  /**
   * What a contact stored under {@code key} in the queue is found by ({@link #BY_IDEMPOTENCY_KEY}):
   * the queue id, a space and the key. A key has no space, so the scope names one queue and key;
   * the schema checks that it matches the two columns.
   */
  public static String idempotencyScope(String queueId, String key) {
    return queueId + " " + key;
  }

  /**
   * Whether a request with this contact's idempotency key and {@code fingerprint} is a retry of the
   * one that stored it. A contact stored before fingerprints were kept takes any retry as one.
   */
  public boolean isRetryOf(String fingerprint) {
    return idempotencyFingerprint == null || idempotencyFingerprint.equals(fingerprint);
  }

  /**
   * An agent's comment, which may also move the status and hand the contact over. Rules:
   *
   * <ol>
   *   <li>The text, stripped and in NFC, is plain text ({@link PlainText}, line breaks allowed) of
   *       at most {@value Comment#MAX_LENGTH} characters.
   *   <li>A handler is a member of the contact's queue; the caller, who can ask the queue, tells
   *       with {@code handlerIsMember}.
   *   <li>A comment says something or changes something: an empty text that keeps the status and
   *       the handler is refused (checked only when nothing else is wrong).
   * </ol>
   *
   * Each broken rule is added to {@code errors}, beside what the caller found before; if there is
   * any, nothing changes and {@link InvalidInput} names all of them.
   */
  public Commented comment(
      String commentId,
      String author,
      String authorName,
      Instant at,
      CommentDraft draft,
      boolean handlerIsMember,
      InvalidInput.Collector errors) {
    String text = draft.text() == null ? "" : PlainText.normalise(draft.text());
    if (text.length() > Comment.MAX_LENGTH) {
      errors.add("text", "must be at most " + Comment.MAX_LENGTH + " characters");
    } else if (PlainText.problem(text, true) != null) {
      errors.add("text", PlainText.problem(text, true));
    }
    if (draft.handsOver() && draft.handler() != null && !handlerIsMember) {
      errors.add("handler", "must be a member of this contact's queue");
    }
    boolean changesStatus = draft.status() != null && draft.status() != status;
    boolean changesHandler = draft.handsOver() && !Objects.equals(draft.handler(), handler);
    if (errors.isEmpty() && text.isEmpty() && !changesStatus && !changesHandler) {
      errors.add("text", "write a comment, or change the status or the handler");
    }
    errors.throwIfAny();
    Status statusBefore = status;
    String handlerBefore = handler;
    boolean statusChanged = changeStatus(draft.status());
    boolean handlerChanged = draft.handsOver() && handOver(draft.handler());
    commented(at);
    return new Commented(
        new Comment(
            commentId,
            id,
            author,
            authorName,
            at,
            text,
            statusChanged ? status : null,
            handlerChanged,
            handlerChanged ? handler : null),
        statusChanged ? statusBefore : null,
        handlerBefore);
  }

  /**
   * A comment written; {@code statusBefore} is the status it moved from (null when it kept it),
   * {@code handlerBefore} the handler before it (whether the comment changed it says {@link
   * Comment#handlerChanged}).
   */
  public record Commented(Comment comment, Status statusBefore, String handlerBefore) {

    public boolean statusChanged() {
      return statusBefore != null;
    }

    public boolean handlerChanged() {
      return comment.handlerChanged();
    }
  }

  /** Moves the contact to another status; true when that changed anything. */
  public boolean changeStatus(Status next) {
    if (next == null || next == status) {
      return false;
    }
    status = next;
    overdue = false;
    return true;
  }

  /**
   * Hands the contact to another agent, or to nobody with null; true when that changed anything.
   */
  private boolean handOver(String username) {
    if (Objects.equals(username, handler)) {
      return false;
    }
    handler = username;
    return true;
  }

  /** Notes a comment written at {@code at}; the first one is when an agent first responded. */
  public void commented(Instant at) {
    if (firstCommentAt == null) {
      firstCommentAt = Objects.requireNonNull(at);
    }
    overdue = false;
  }

  /**
   * The visitor's e-mail address, from the answer to the form's first e-mail field (checked by the
   * form already); kept in the form every search compares with, {@link #searchableEmail}.
   */
  public void visitorEmail(String address) {
    visitorEmail = address == null ? null : searchableEmail(address);
  }

  /** E-mail addresses are found whatever their case: the one home of that rule. */
  public static String searchableEmail(String address) {
    return address.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Nobody answered in time: the contact is overdue until its next comment or status change. It is
   * escalated once only, and only while nobody has answered it (still {@code NEW}, no comment);
   * true when this call escalated it.
   */
  public boolean escalate(Instant at) {
    if (escalatedAt != null || status != Status.NEW || firstCommentAt != null) {
      return false;
    }
    escalatedAt = Objects.requireNonNull(at);
    overdue = true;
    return true;
  }

  public String id() {
    return id;
  }

  public String reference() {
    return reference;
  }

  public String queueId() {
    return queueId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Source source() {
    return source;
  }

  public String language() {
    return language;
  }

  public String pageUrl() {
    return pageUrl;
  }

  public Status status() {
    return status;
  }

  public String handler() {
    return handler;
  }

  public List<Answer> answers() {
    return answers;
  }

  public String visitorEmail() {
    return visitorEmail;
  }

  public Instant escalatedAt() {
    return escalatedAt;
  }

  public boolean overdue() {
    return overdue;
  }

  public static class AnswersColumn extends JsonColumn<List<Answer>> {}
}
