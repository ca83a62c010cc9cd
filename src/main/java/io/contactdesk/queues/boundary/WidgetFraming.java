package io.contactdesk.queues.boundary;

import io.contactdesk.platform.NotFound;
import io.contactdesk.queues.control.PublishedQueues;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Content security policies (SPEC rule 15). Every page loads scripts, styles, images and data from
 * the app itself only ({@code default-src 'self'}: no inline script, no inline event handler, no
 * style attribute in markup). The chat window is shown in an iframe on customers' sites: its page
 * may be framed by the queue's allowed origins (and the app itself), nothing else. The console, and
 * every other answer, may be framed by no one. Browsers that know CSP {@code frame-ancestors}
 * follow it instead of Payara's {@code X-Frame-Options: SAMEORIGIN}. The widget's demo page stands
 * in for a customer's page, with its own inline script, and gets no policy.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // the SSE stream passes through
public class WidgetFraming extends HttpFilter {

  static final String CONSOLE = "default-src 'self'; frame-ancestors 'none'";

  @Inject PublishedQueues queues;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/widget/") || path.equals("/widget/index.html")) {
      response.setHeader(
          "Content-Security-Policy",
          "default-src 'self'; frame-ancestors " + ancestors(request.getParameter("queue")));
    } else if (!path.equals("/widget/demo.html")) {
      response.setHeader("Content-Security-Policy", CONSOLE);
    }
    chain.doFilter(request, response);
  }

  private String ancestors(String queueId) {
    StringBuilder allowed = new StringBuilder("'self'");
    try {
      queues
          .get(queueId)
          .allowedOrigins()
          .forEach(origin -> allowed.append(' ').append(origin.value()));
    } catch (NotFound e) {
      // an unknown queue: the window says so, framed only by the app itself
    }
    return allowed.toString();
  }
}
