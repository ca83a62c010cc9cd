package io.contactdesk.platform;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the servlet container is told at start (SPEC rule 15):
 *
 * <ol>
 *   <li>Session cookies are {@code HttpOnly} and {@code SameSite=Lax}, and {@code Secure} when
 *       {@code contactdesk.base-url} is an https address, so a browser never sends one over plain
 *       HTTP to a site served over TLS. The console's own cookie is written by
 *       users/boundary/SessionCookie with the same attributes; the container's, set here, is for
 *       any HTTP session the server might make, since the app makes none.
 *   <li>{@code 429} goes out as {@code 429 Too Many Requests}: Payara's HTTP layer (Grizzly) knows
 *       no reason phrase for it and writes {@code 429 CUSTOM}, whatever the application says. Its
 *       table of phrases learns this one; on any other server this step does nothing.
 * </ol>
 */
@WebListener
public class WebContainerSettings implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(WebContainerSettings.class.getName());

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    SessionCookieConfig cookie = context.getSessionCookieConfig();
    cookie.setHttpOnly(true);
    cookie.setAttribute("SameSite", "Lax");
    cookie.setSecure(secureCookies());
    teachReasonPhrase(context.getClass().getClassLoader(), 429, "Too Many Requests");
  }

  /**
   * Whether cookies go out {@code Secure}: {@code contactdesk.base-url} is https. The console's
   * session cookie (users/boundary/SessionCookie) asks here too.
   */
  public static boolean secureCookies() {
    return isHttps(baseUrl());
  }

  static boolean isHttps(String baseUrl) {
    return baseUrl != null && baseUrl.trim().toLowerCase(Locale.ROOT).startsWith("https:");
  }

  private static String baseUrl() {
    return Settings.value("contactdesk.base-url").orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static void teachReasonPhrase(ClassLoader server, int status, String phrase) {
    try {
      Class<?> httpStatus =
          Class.forName("org.glassfish.grizzly.http.util.HttpStatus", true, server);
      Field table = httpStatus.getDeclaredField("statusMessages");
      table.setAccessible(true);
      Map<Integer, Object> phrases = (Map<Integer, Object>) table.get(null);
      if (!phrases.containsKey(status)) {
        Method create = httpStatus.getMethod("newHttpStatus", int.class, String.class);
        phrases.put(status, create.invoke(null, status, phrase));
      }
    } catch (ClassNotFoundException notGrizzly) {
      // another server, with its own phrases
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "Could not name status " + status, e);
    }
  }
}
