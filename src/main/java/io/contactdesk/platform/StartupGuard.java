package io.contactdesk.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * SPEC rule 16: a start ends in one of two lines. Either {@code ContactDesk is ready: console at
 * ...} with how to sign in, or {@code ContactDesk cannot start: <key> (<ENV_VAR>) <what is wrong>}.
 *
 * <p>On the runnable jar (Payara Micro) a refused setting ends the process with exit status {@value
 * #EXIT_STATUS}: left running, the server would answer every request with 500 or 404, and a process
 * supervisor would never hear of it. The thread that found the problem stops there, so the server
 * logs no failed deployment on top of the one line. On any other server {@code System.exit} would
 * end the whole server and its other applications, so the caller throws instead and the deployment
 * fails; the server reports it.
 */
@ApplicationScoped
public class StartupGuard {

  static final int EXIT_STATUS = 2;

  /** How long the server's shutdown may take before the process is halted. */
  private static final long SHUTDOWN_GRACE_SECONDS = 15;

  private static final Logger LOG = Logger.getLogger(StartupGuard.class.getName());

  private static volatile boolean started;

  /** What the ready line says about signing in; the first start tells when it made the admin. */
  private volatile String signIn =
      "sign in with an account of this instance (the first start made admin)";

  /** Replaces the sign-in part of the ready line: how to sign in to what this start created. */
  public void signInWith(String howToSignIn) {
    signIn = howToSignIn;
  }

  /** The last step of a start ({@link Startup}). */
  void ready() {
    started = true;
    Config config = ConfigProvider.getConfig(StartupGuard.class.getClassLoader());
    var baseUrl = config.getConfigValue(RunnableJarBaseUrl.KEY);
    String base = baseUrl.getValue() == null ? "" : baseUrl.getValue();
    String console = base.endsWith("/") ? base : base + "/";
    String derived =
        RunnableJarBaseUrl.NAME.equals(baseUrl.getSourceName())
            ? " (mail links use this address: set CONTACTDESK_BASE_URL to the one users reach)"
            : "";
    LOG.info("ContactDesk is ready: console at " + console + derived + " — " + signIn);
  }

  /** Whether the app has finished starting: from then on a failure is no configuration error. */
  static boolean started() {
    return started;
  }

  /** A key as an operator sets it: {@code contactdesk.db.url (CONTACTDESK_DB_URL)}. */
  public static String setting(String key) {
    return key + " (" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
  }

  /**
   * Logs {@code ContactDesk cannot start: <setting> <problem>} as one line. On the runnable jar the
   * process then exits and this method never returns; elsewhere it returns the exception for the
   * caller to throw (it carries no stack trace: the line says all there is).
   */
  public static IllegalStateException cannotStart(String setting, String problem) {
    String line = "ContactDesk cannot start: " + setting + " " + oneLine(problem);
    LOG.severe(line);
    if (onRunnableJar()) {
      exit();
    }
    return new CannotStart(line);
  }

  static boolean onRunnableJar() {
    return "Payara Micro".equals(System.getProperty("product.name"));
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }

  private static void exit() {
    Thread deadline =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(SHUTDOWN_GRACE_SECONDS));
              } catch (InterruptedException e) {
                // halt now, then
              }
              Runtime.getRuntime().halt(EXIT_STATUS);
            },
            "contactdesk-exit-deadline");
    deadline.setDaemon(true);
    deadline.start();
    new Thread(() -> System.exit(EXIT_STATUS), "contactdesk-exit").start();
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // the process is ending; this thread has nothing left to do
      }
    }
  }

  static final class CannotStart extends IllegalStateException {
    CannotStart(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
