package io.contactdesk.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs work in a transaction of its own. Background tasks read the database through it: on the
 * container's managed executors a read outside a transaction uses the EntityManager of the
 * invocation the task was submitted from (a request's, still in use there, or one closed since),
 * while inside a transaction the task gets an EntityManager of its own, closed at the commit.
 */
@ApplicationScoped
public class InTransaction {

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public <T> T get(Supplier<T> work) {
    return work.get();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void run(Runnable work) {
    work.run();
  }
}
