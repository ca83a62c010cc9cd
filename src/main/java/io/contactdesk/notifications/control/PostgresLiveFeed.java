package io.contactdesk.notifications.control;

import io.contactdesk.contacts.control.ContactRegistered;
import jakarta.enterprise.inject.Vetoed;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Live events between the nodes on one PostgreSQL database, through {@code LISTEN}/{@code NOTIFY}.
 *
 * <ol>
 *   <li>A new contact's transaction runs {@code pg_notify} with its activity id: PostgreSQL sends
 *       it to every listening node, this one too, when (and only if) that transaction commits. An
 *       escalation's transaction does the same with its {@code CONTACT_ESCALATED} entry.
 *   <li>Every node listens on a connection of its own, outside the pool, on a thread of the
 *       container's; what arrives is read from the activity log and sent to the node's streams.
 *       This node's own contacts come the same way, so no stream hears a contact twice.
 *   <li>A node that loses its listening connection opens another, listens again, and then replays
 *       from the log every new contact it has not delivered, so none is missed (ids delivered in
 *       the last {@value #LATE_COMMIT_SECONDS} s are remembered: a transaction that took its id
 *       earlier can commit after a later one).
 * </ol>
 *
 * The channel is named after the schema, so two installations in one database never hear each
 * other.
 */
@Vetoed // made by LiveFeeds, which chooses by the database
final class PostgresLiveFeed implements LiveFeed {

  private static final Logger LOG = Logger.getLogger(PostgresLiveFeed.class.getName());
  static final int LATE_COMMIT_SECONDS = 30;
  static final int MAX_CATCH_UP = 10_000;
  // how long one wait for notifications lasts; also how soon the thread notices it is to stop
  private static final int WAIT_MILLIS = 500;
  // a silent connection is asked once in this while whether it is still there
  private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long MAX_BACK_OFF_MILLIS = 5_000;

  /** Opens a connection that is this feed's alone while it listens. */
  interface Connector {
    Connection open() throws SQLException;
  }

  private final Connector connector;
  private final EntityManager em;
  private final ThreadFactory threads;
  private final String channel;
  private final Delivered delivered = new Delivered();

  private volatile boolean running;
  private volatile Connection listening;
  private volatile boolean listeningNow;
  private Thread thread;

  PostgresLiveFeed(Connector connector, EntityManager em, ThreadFactory threads, String schema) {
    this.connector = connector;
    this.em = em;
    this.threads = threads;
    this.channel = channel(schema);
  }

  /** A channel name is an identifier: at most 63 bytes. */
  static String channel(String schema) {
    String name = "contactdesk_live_" + schema;
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  @Override
  public void published(ContactRegistered contact) {
    announce(contact.activityId());
  }

  @Override
  public void committed(ContactRegistered contact) {
    // it comes back through the channel, as every node's contacts do
  }

  @Override
  public void published(Escalation escalation) {
    announce(escalation.activityId());
  }

  @Override
  public void committed(Escalation escalation) {
    // it comes back through the channel, as new contacts do
  }

  private void announce(long activityId) {
    em.createNativeQuery("select pg_notify(?1, ?2)")
        .setParameter(1, channel)
        .setParameter(2, Long.toString(activityId))
        .getSingleResult();
  }

  @Override
  public synchronized void start(Receiver receiver) {
    running = true;
    thread = threads.newThread(() -> listen(receiver));
    thread.setName("contactdesk-live-listener");
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    closeQuietly(listening);
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** True while the feed holds a listening connection (for tests and the log). */
  boolean listening() {
    return listeningNow;
  }

  private void listen(Receiver receiver) {
    boolean first = true;
    long backOff = 200;
    while (running) {
      try (Connection connection = connector.open()) {
        listening = connection;
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + quoted(channel));
        }
        // after LISTEN, so a contact committed from here on is heard, one before it is replayed
        if (first) {
          delivered.startAfter(receiver.lastEntry());
          first = false;
        } else {
          catchUp(receiver);
        }
        listeningNow = true;
        backOff = 200;
        PGConnection pg = connection.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (running) {
          PGNotification[] arrived = pg.getNotifications(WAIT_MILLIS);
          if (arrived != null && arrived.length > 0) {
            hand(receiver, ids(arrived));
            quietSince = System.nanoTime();
          } else if (System.nanoTime() - quietSince > PROBE_NANOS) {
            // getNotifications does not notice a connection that died without a word
            try (Statement probe = connection.createStatement()) {
              probe.execute("select 1");
            }
            quietSince = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        listeningNow = false;
        if (!running) {
          return;
        }
        LOG.log(
            Level.WARNING,
            "Lost the live events' connection to PostgreSQL; listening again in "
                + backOff
                + " ms, then replaying what was missed from the activity log: "
                + e);
        try {
          Thread.sleep(backOff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
      } finally {
        listeningNow = false;
        listening = null;
      }
    }
  }

  private void catchUp(Receiver receiver) {
    List<Long> missed = receiver.registeredAfter(delivered.floor(), MAX_CATCH_UP);
    hand(receiver, missed);
    if (!missed.isEmpty()) {
      LOG.info("Live events: replayed from the activity log after a reconnect, " + missed);
    }
  }

  private void hand(Receiver receiver, List<Long> ids) {
    List<Long> fresh = delivered.fresh(ids);
    if (!fresh.isEmpty()) {
      try {
        receiver.deliver(fresh);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Live events " + fresh + " not delivered", e);
      }
    }
  }

  private static List<Long> ids(PGNotification[] arrived) {
    List<Long> ids = new ArrayList<>(arrived.length);
    for (PGNotification notification : arrived) {
      try {
        ids.add(Long.parseLong(notification.getParameter()));
      } catch (NumberFormatException e) {
        LOG.warning("Ignored a live event that is not an activity id: " + notification.getName());
      }
    }
    return ids;
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException e) {
        // it is going anyway
      }
    }
  }

  /**
   * Which ids this node has delivered lately, and the floor below which every id is settled: an id
   * delivered more than {@value #LATE_COMMIT_SECONDS} s ago was taken before any transaction that
   * can still commit took its own (identity values grow), so only ids above the floor can still
   * arrive, and only those a replay reads.
   */
  static final class Delivered {
    private static final int MAX_REMEMBERED = 200_000;
    private final ArrayDeque<long[]> recent = new ArrayDeque<>(); // {delivered at (nanos), id}
    private final Set<Long> ids = new HashSet<>();
    private long floor;

    synchronized void startAfter(long lastEntry) {
      floor = Math.max(floor, lastEntry);
    }

    synchronized long floor() {
      settle(System.nanoTime());
      return floor;
    }

    /** The ids not delivered yet, now counted as delivered. */
    synchronized List<Long> fresh(List<Long> arrived) {
      long now = System.nanoTime();
      settle(now);
      List<Long> fresh = new ArrayList<>(arrived.size());
      for (Long id : arrived) {
        if (ids.add(id)) {
          recent.addLast(new long[] {now, id});
          fresh.add(id);
        }
      }
      return fresh;
    }

    private void settle(long now) {
      long settled = now - TimeUnit.SECONDS.toNanos(LATE_COMMIT_SECONDS);
      while (!recent.isEmpty()
          && (recent.peekFirst()[0] - settled < 0 || recent.size() > MAX_REMEMBERED)) {
        long[] oldest = recent.removeFirst();
        ids.remove(oldest[1]);
        floor = Math.max(floor, oldest[1]);
      }
    }
  }
}
