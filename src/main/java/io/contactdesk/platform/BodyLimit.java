package io.contactdesk.platform;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over 64 KiB before they are parsed: by the declared length when there is
 * one, else by counting while reading (chunked uploads).
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

  public static final int MAX_BYTES = 64 * 1024;

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
    context.setInputStream(new Bounded(context.getInputStream()));
    return context.proceed();
  }

  private static final class Bounded extends FilterInputStream {
    private long count;

    Bounded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > MAX_BYTES) {
        throw new PayloadTooLarge();
      }
    }
  }
}
