package io.contactdesk.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers every answer carries (SPEC rule 15), set before anything else answers, so an error
 * page has them too:
 *
 * <ol>
 *   <li>{@code X-Content-Type-Options: nosniff}: a browser takes a JSON or text answer for what its
 *       type says, never as a script or a page.
 *   <li>{@code Referrer-Policy: strict-origin-when-cross-origin}: another site learns at most the
 *       origin, never a console path. ({@code no-referrer} would make a browser send {@code Origin:
 *       null} with the widget's own POSTs, which the visitor API's origin check must see.)
 *   <li>{@code Cache-Control: no-store} on every {@code /api} answer but the public visitor API's:
 *       contacts, answers, statistics and sessions stay out of browser and proxy caches.
 * </ol>
 *
 * Payara's own {@code /metrics} and {@code /health}, which pass through here, are cut down by
 * {@link ServerEndpoints}. The content security policies are {@link
 * io.contactdesk.queues.boundary.WidgetFraming}'s.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // the SSE stream passes through
public class ResponseHeaders extends HttpFilter {

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/") && !path.startsWith("/api/public/") || path.equals("/api")) {
      response.setHeader("Cache-Control", "no-store");
    }
    if (ServerEndpoints.covers(path)) {
      ServerEndpoints.answer(path, request, response, chain);
      return;
    }
    chain.doFilter(request, response);
  }
}
