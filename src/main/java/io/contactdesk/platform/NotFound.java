package io.contactdesk.platform;

/**
 * Something the caller asked for does not exist, or the caller may not know it exists: answered as
 * 404 either way so nothing leaks.
 */
public class NotFound extends RuntimeException {
  public NotFound(String message) {
    super(message, null, false, false);
  }
}
