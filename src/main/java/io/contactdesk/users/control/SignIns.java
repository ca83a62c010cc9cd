package io.contactdesk.users.control;

import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whether a sign-in made earlier still holds (SPEC rule 10): its user exists, is enabled, and has
 * the session epoch it was made under. Asked on every authenticated request and by the live
 * streams, so the answer is read from the database at most every {@value #MAX_AGE_SECONDS} seconds
 * per user; a change made on this instance is seen at once ({@link AccountChanged}), one made
 * through another instance on the same database within that time, well inside the five seconds the
 * SPEC allows.
 */
@ApplicationScoped
public class SignIns {

  static final long MAX_AGE_SECONDS = 2;

  @Inject Users users;

  private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

  /**
   * What a sign-in needs to know of its user: who exactly (a user made later under the same name
   * has another id), the epoch it holds under, and the roles now.
   */
  public record Account(String userId, long epoch, Set<String> roles, long readAt) {}

  /** The user as a sign-in sees them; empty for one that is deleted or disabled. */
  public Optional<Account> current(String username) {
    long now = System.nanoTime();
    Account known = accounts.get(username);
    if (known != null && now - known.readAt() < TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS)) {
      return Optional.of(known).filter(a -> a.epoch() >= 0);
    }
    Account read =
        users
            .find(username)
            .filter(user -> !user.disabled())
            .map(user -> new Account(user.id(), user.sessionEpoch(), groups(user), now))
            .orElse(new Account(null, -1, Set.of(), now));
    if (accounts.size() > 100_000) {
      accounts.clear();
    }
    accounts.put(username, read);
    return Optional.of(read).filter(a -> a.epoch() >= 0);
  }

  /** The user as the database has it now, for a sign-in that a cached answer would end. */
  public Optional<Account> fresh(String username) {
    accounts.remove(username);
    return current(username);
  }

  /** Whether a sign-in made under {@code epoch} still holds. */
  public boolean holds(String username, long epoch) {
    return current(username).filter(a -> a.epoch() == epoch).isPresent();
  }

  static Set<String> groups(User user) {
    return user.roles().stream().map(Role::wireName).collect(Collectors.toUnmodifiableSet());
  }

  // before the observers that check sign-ins again, so they read the change
  void changed(
      @Observes(during = TransactionPhase.AFTER_COMPLETION)
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          AccountChanged change) {
    accounts.remove(change.username());
  }
}
