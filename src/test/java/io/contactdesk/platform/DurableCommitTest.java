package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group commit on embedded H2, against a database that only records its flushes. */
class DurableCommitTest {

  private final AtomicLong clock = new AtomicLong();
  private final List<long[]> flushes = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failNext = new AtomicBoolean();
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private DurableCommit durableCommit;

  @BeforeEach
  void setUp() {
    durableCommit = new DurableCommit();
    durableCommit.dataSource = h2ThatRecordsFlushes();
    durableCommit.detect();
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  @Test
  void every_waiter_returns_after_a_flush_that_started_after_it_came_and_groups_share_flushes()
      throws Exception {
    List<long[]> waits = new CopyOnWriteArrayList<>();
    List<Future<?>> done = new java.util.ArrayList<>();
    for (int t = 0; t < 16; t++) {
      done.add(
          threads.submit(
              () -> {
                for (int i = 0; i < 40; i++) {
                  long came = clock.incrementAndGet();
                  durableCommit.await();
                  waits.add(new long[] {came, clock.incrementAndGet()});
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }

    assertThat(waits).hasSize(640);
    for (long[] wait : waits) {
      assertThat(flushes)
          .as("a flush that started after %d and ended before %d", wait[0], wait[1])
          .anyMatch(flush -> flush[0] > wait[0] && flush[1] < wait[1]);
    }
    assertThat(flushes.size()).as("flushes for 640 waits").isLessThan(640);
  }

  @Test
  void a_failed_flush_fails_its_waiters_and_the_next_wait_flushes_again() {
    failNext.set(true);

    assertThatThrownBy(durableCommit::await)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("disk");
    durableCommit.await();

    assertThat(flushes).hasSize(1);
  }

  private DataSource h2ThatRecordsFlushes() {
    Statement statement =
        proxy(
            Statement.class,
            (method, args) -> {
              if (method.equals("execute")) {
                assertThat(args[0]).isEqualTo("CHECKPOINT SYNC");
                if (failNext.getAndSet(false)) {
                  throw new SQLException("disk full");
                }
                long started = clock.incrementAndGet();
                Thread.sleep(1);
                flushes.add(new long[] {started, clock.incrementAndGet()});
                return true;
              }
              return null;
            });
    DatabaseMetaData metaData =
        proxy(DatabaseMetaData.class, (method, args) -> "jdbc:h2:file:./test");
    Connection connection =
        proxy(
            Connection.class,
            (method, args) ->
                switch (method) {
                  case "createStatement" -> statement;
                  case "getMetaData" -> metaData;
                  default -> null;
                });
    return proxy(DataSource.class, (method, args) -> connection);
  }

  private interface Answer {
    Object answer(String method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Answer answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> answer.answer(method.getName(), args)));
  }
}
