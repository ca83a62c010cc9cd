package io.contactdesk.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The server's own endpoints that share the app's context root {@code /} (Payara's MicroProfile
 * Metrics and Health are served inside the web module at {@code /}, so they pass this filter), kept
 * to what SPEC rule 15 allows the public to see:
 *
 * <ol>
 *   <li>{@code /metrics} (JVM, pool and request figures) is not public: {@code 404}.
 *   <li>{@code /health} and its sub-paths say only up or down, {@code {"status":"UP"}} with 200 or
 *       {@code {"status":"DOWN"}} with 503, never the checks' names and data.
 * </ol>
 */
final class ServerEndpoints {

  private ServerEndpoints() {}

  static boolean covers(String path) {
    return path.equals("/metrics")
        || path.startsWith("/metrics/")
        || path.equals("/health")
        || path.startsWith("/health/");
  }

  /** Answers a request to one of the paths it {@link #covers}, after the common headers are set. */
  static void answer(
      String path, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (path.equals("/metrics") || path.startsWith("/metrics/")) {
      answer(response, 404, ErrorBody.of(404, "not_found", "Not Found").toJson());
      return;
    }
    StatusOnly status = new StatusOnly(response);
    chain.doFilter(request, status);
    boolean up = status.code < 300;
    answer(response, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
  }

  private static void answer(HttpServletResponse response, int status, String json)
      throws IOException {
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** Keeps the status the server's endpoint answers with and throws its body away. */
  private static final class StatusOnly extends HttpServletResponseWrapper {
    int code = 200;

    StatusOnly(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setStatus(int sc) {
      code = sc;
    }

    @Override
    public void sendError(int sc) {
      code = sc;
    }

    @Override
    public void sendError(int sc, String msg) {
      code = sc;
    }

    @Override
    public int getStatus() {
      return code;
    }

    @Override
    public void setContentLength(int len) {}

    @Override
    public void setContentLengthLong(long len) {}

    @Override
    public void setContentType(String type) {}

    @Override
    public void flushBuffer() {}

    @Override
    public ServletOutputStream getOutputStream() {
      return new ServletOutputStream() {
        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}
      };
    }

    @Override
    public PrintWriter getWriter() {
      return new PrintWriter(Writer.nullWriter());
    }
  }
}
