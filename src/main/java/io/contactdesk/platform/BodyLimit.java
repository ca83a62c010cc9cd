package io.contactdesk.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Guards the JSON parser from hostile bodies before it sees them: over 64 KiB is refused (by the
 * declared length when there is one, else by counting while reading, for chunked uploads). A JSON
 * body is read whole (it is at most 64 KiB) and checked by {@link StrictJson} in one pass, and
 * JSON-B then binds the same bytes.
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

  public static final int MAX_BYTES = 64 * 1024;
  public static final int MAX_DEPTH = StrictJson.MAX_DEPTH;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    String length = context.getHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_BYTES) {
          throw new PayloadTooLarge();
        }
      } catch (NumberFormatException e) {
        // a broken header: counting below still bounds the body
      }
    }
    byte[] body = readAtMost(context.getInputStream());
    if (isJson(context.getMediaType()) && body.length > 0) {
      StrictJson.check(body);
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }

  private static boolean isJson(MediaType type) {
    if (type == null) {
      return false;
    }
    String subtype = type.getSubtype();
    return subtype.equalsIgnoreCase("json") || subtype.toLowerCase().endsWith("+json");
  }

  /** The whole body, or {@link PayloadTooLarge} at byte {@code MAX_BYTES + 1}. */
  private static byte[] readAtMost(InputStream in) throws IOException {
    byte[] buffer = new byte[1024];
    int count = 0;
    while (true) {
      int n = in.read(buffer, count, buffer.length - count);
      if (n < 0) {
        return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
      }
      count += n;
      if (count > MAX_BYTES) {
        throw new PayloadTooLarge();
      }
      if (count == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_BYTES + 1));
      }
    }
  }
}
