package io.contactdesk.platform;

/** How many rows a page of a list holds: {@code limit} of the paged lists (docs/api.md). */
public final class PageSize {

  public static final int DEFAULT = 50;
  public static final int MAX = 200;

  private PageSize() {}

  /** The {@code limit} parameter as given, {@link #DEFAULT} when absent; else a 422 on limit. */
  public static int of(String limit) {
    if (limit == null || limit.isEmpty()) {
      return DEFAULT;
    }
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= MAX) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InvalidInput.of("limit", "must be a whole number from 1 to " + MAX);
  }
}
