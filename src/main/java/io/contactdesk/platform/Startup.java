package io.contactdesk.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The one place that orders a start. Features never observe the container's start themselves; they
 * observe the facts fired here, in this order, each only after the one before has returned:
 *
 * <ol>
 *   <li>{@link Migrations} bring the schema to the newest version (nothing may read or write the
 *       database before).
 *   <li>{@link SchemaReady}: first-start data (the {@code setup} feature: the admin user, the demo
 *       queue). A refused admin password ends the start here, before any background work began.
 *   <li>{@link AppStarted}: background work starts on the container's managed executors (contacts'
 *       retention, notifications' mail worker and live streams). These observers are independent of
 *       each other, so their order among themselves does not matter.
 *   <li>{@link StartupGuard} writes the ready line (SPEC rule 16), last, so it is true when read.
 * </ol>
 *
 * <p>Platform imports no feature: the features depend on these facts, not the other way round.
 */
@ApplicationScoped
public class Startup {

  @Inject Migrations migrations;
  @Inject Event<SchemaReady> schemaReady;
  @Inject Event<AppStarted> appStarted;
  @Inject StartupGuard guard;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    migrations.migrate();
    schemaReady.fire(new SchemaReady());
    appStarted.fire(new AppStarted());
    guard.ready();
  }
}
