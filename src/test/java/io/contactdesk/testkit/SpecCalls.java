package io.contactdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every call of the API that SPEC.md names, read from the contract itself ({@code docs/SPEC.md},
 * the repo's copy), so that a check of the API's description follows the contract as it changes.
 *
 * <p>A call is a code span {@code `METHOD /api/...`}, in a table's first column or in the text. In
 * a table a bare method belongs to a path beside it: {@code `GET /api/me/settings` / `PUT`} is a
 * PUT of that path, {@code `GET`/`PUT`/`DELETE /api/admin/webhooks/{id}`} three calls of the one
 * that follows. Query strings are cut off; {@code GET /health} and other paths outside {@code /api}
 * are not the API's.
 */
public final class SpecCalls {

  /** The repo's copy of the contract, from the project's directory (where Maven runs tests). */
  public static final Path SPEC = Path.of("docs", "SPEC.md");

  private static final Pattern SPAN = Pattern.compile("`([^`]*)`");
  private static final Pattern METHOD = Pattern.compile("GET|POST|PUT|DELETE|PATCH");
  private static final Pattern CALL = Pattern.compile("(GET|POST|PUT|DELETE|PATCH) (/\\S*)");
  private static final Pattern TEMPLATE = Pattern.compile("\\{[^}]*}");

  private SpecCalls() {}

  /** One call: a method and a path as SPEC writes it ({@code /api/queues/{id}/activity}). */
  public record Call(String method, String path) {

    /** The path with every parameter written {@code {}}: names differ between documents. */
    public String shape() {
      return shapeOf(path);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** {@code /api/queues/{queueId}/activity} and {@code /api/queues/{id}/activity} alike. */
  public static String shapeOf(String path) {
    return TEMPLATE.matcher(path).replaceAll("{}");
  }

  public static List<Call> of(Path spec) {
    try {
      return of(Files.readAllLines(spec, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + spec.toAbsolutePath(), e);
    }
  }

  public static List<Call> inSpec() {
    return of(SPEC);
  }

  static List<Call> of(List<String> lines) {
    Set<Call> calls = new LinkedHashSet<>();
    for (String line : lines) {
      if (line.startsWith("|")) {
        String[] cells = line.split("(?<!\\\\)\\|");
        if (cells.length > 1) {
          inCell(cells[1], calls);
        }
      } else {
        Matcher span = SPAN.matcher(line);
        while (span.find()) {
          add(CALL.matcher(span.group(1).strip()), calls);
        }
      }
    }
    return List.copyOf(calls);
  }

  private static void inCell(String cell, Set<Call> calls) {
    List<int[]> bounds = new ArrayList<>();
    List<String> spans = new ArrayList<>();
    Matcher span = SPAN.matcher(cell);
    while (span.find()) {
      bounds.add(new int[] {span.start(), span.end()});
      spans.add(span.group(1).strip());
    }
    List<String> waiting = new ArrayList<>();
    String lastPath = null;
    for (int i = 0; i < spans.size(); i++) {
      String text = spans.get(i);
      Matcher call = CALL.matcher(text);
      if (call.matches()) {
        String path = withoutQuery(call.group(2));
        add(call, calls);
        for (String method : waiting) {
          add(method, path, calls);
        }
        waiting.clear();
        lastPath = path;
      } else if (METHOD.matcher(text).matches()) {
        // "`GET`/`PUT`/`DELETE /path`": joined by a bare slash to the span after it
        boolean joinedToNext =
            i + 1 < spans.size()
                && cell.substring(bounds.get(i)[1], bounds.get(i + 1)[0]).strip().equals("/");
        if (joinedToNext) {
          waiting.add(text);
        } else if (lastPath != null) {
          add(text, lastPath, calls);
        }
      }
    }
  }

  private static void add(Matcher call, Set<Call> calls) {
    if (call.matches()) {
      add(call.group(1), withoutQuery(call.group(2)), calls);
    }
  }

  private static void add(String method, String path, Set<Call> calls) {
    if (path.startsWith("/api/")) {
      calls.add(new Call(method, path));
    }
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
