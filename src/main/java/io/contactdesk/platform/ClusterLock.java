package io.contactdesk.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import javax.sql.DataSource;

/**
 * A lock every node respects, held until the caller's transaction ends: PostgreSQL's
 * transaction-level advisory lock, keyed by the name's hash. On H2, the single-node engine ({@link
 * Engine}), there is no other node to wait for.
 */
@ApplicationScoped
public class ClusterLock {

  // a function returning void cannot be read as a column, so the query answers a 1 beside it
  private static final String TAKE = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) l";

  @Inject EntityManager em;
  @Inject DataSource dataSource;

  private volatile Engine engine;

  /**
   * Waits until no transaction of any node holds {@code name}, then holds it until this transaction
   * commits or rolls back. Call it inside the transaction, before what it guards reads anything: a
   * statement after it sees what the previous holder committed.
   */
  public void holdUntilTransactionEnds(String name) {
    if (engine() == Engine.POSTGRESQL) {
      em.createNativeQuery(TAKE).setParameter(1, name).getSingleResult();
    }
  }

  private Engine engine() {
    Engine known = engine;
    if (known == null) {
      known = Engine.of(dataSource);
      engine = known;
    }
    return known;
  }
}
