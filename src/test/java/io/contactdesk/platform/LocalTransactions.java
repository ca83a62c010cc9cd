package io.contactdesk.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.util.function.Supplier;

/**
 * {@link InTransaction} for in-process tests: a resource-local transaction of the test's
 * EntityManager, cleared afterwards as the container's transaction-scoped one would be.
 */
public final class LocalTransactions extends InTransaction {

  private final EntityManager em;

  public LocalTransactions(EntityManager em) {
    this.em = em;
  }

  @Override
  public <T> T get(Supplier<T> work) {
    EntityTransaction tx = em.getTransaction();
    if (tx.isActive()) {
      return work.get();
    }
    tx.begin();
    try {
      T result = work.get();
      tx.commit();
      return result;
    } catch (RuntimeException e) {
      if (tx.isActive()) {
        tx.rollback();
      }
      throw e;
    } finally {
      em.clear();
    }
  }

  @Override
  public void run(Runnable work) {
    get(
        () -> {
          work.run();
          return null;
        });
  }
}
