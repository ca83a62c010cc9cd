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
 * The chat window is shown in an iframe on customers' sites: its page may be framed by the queue's
 * allowed origins (and the app itself), nothing else. The console may be framed by no one. Browsers
 * that know CSP {@code frame-ancestors} follow it instead of Payara's {@code X-Frame-Options:
 * SAMEORIGIN}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // the SSE stream passes through
public class WidgetFraming extends HttpFilter {

  @Inject PublishedQueues queues;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/widget/") || path.equals("/widget/index.html")) {
      response.setHeader(
          "Content-Security-Policy", "frame-ancestors " + ancestors(request.getParameter("queue")));
    } else if (path.equals("/") || path.equals("/index.html")) {
      response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
    }
    chain.doFilter(request, response);
  }

  private String ancestors(String queueId) {
    StringBuilder allowed = new StringBuilder("'self'");
    try {
      queues.get(queueId).allowedOrigins().forEach(origin -> allowed.append(' ').append(origin));
    } catch (NotFound e) {
      // an unknown queue: the window says so, framed only by the app itself
    }
    return allowed.toString();
  }
}
