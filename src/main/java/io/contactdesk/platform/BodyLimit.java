package io.contactdesk.platform;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Guards the JSON parser from hostile bodies before it sees them: over 64 KiB is refused (by the
 * declared length when there is one, else by counting while reading, for chunked uploads), and so
 * is nesting deeper than {@value #MAX_DEPTH} levels, which no request of this API needs and which
 * would otherwise exhaust the parser's stack.
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

  public static final int MAX_BYTES = 64 * 1024;
  public static final int MAX_DEPTH = 32;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    String length = context.getHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_BYTES) {
          throw new PayloadTooLarge();
        }
      } catch (NumberFormatException e) {
        // a broken header: the counting stream below still bounds the body
      }
    }
    context.setInputStream(new Guarded(context.getInputStream()));
    return context.proceed();
  }

  /** A body nested deeper than {@link #MAX_DEPTH}. */
  public static class TooDeep extends RuntimeException {
    TooDeep() {
      super("The JSON is nested more than " + MAX_DEPTH + " levels deep", null, false, false);
    }
  }

  /** Counts bytes and tracks the nesting of JSON brackets outside strings, byte by byte. */
  private static final class Guarded extends FilterInputStream {
    private long count;
    private int depth;
    private boolean inString;
    private boolean escaped;

    Guarded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        see(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = 0; i < n; i++) {
        see(buffer[offset + i]);
      }
      return n;
    }

    private void see(int b) {
      if (++count > MAX_BYTES) {
        throw new PayloadTooLarge();
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        if (++depth > MAX_DEPTH) {
          throw new TooDeep();
        }
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
  }
}
