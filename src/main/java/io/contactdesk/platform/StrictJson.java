package io.contactdesk.platform;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The JSON this API accepts (SPEC rule 13), checked in one streaming pass before JSON-B binds it,
 * so nothing a lax parser would guess at is ever stored:
 *
 * <ol>
 *   <li>The body is UTF-8, strictly: a byte sequence that is not UTF-8 is refused, never replaced
 *       by U+FFFD.
 *   <li>It is one JSON value with nothing but whitespace after it.
 *   <li>No object has a key twice (JSON-B would keep one of them silently).
 *   <li>It is nested at most {@value #MAX_DEPTH} levels deep, which no request of this API needs
 *       and which keeps every parser's stack safe.
 * </ol>
 *
 * Each breach is a {@link Malformed}, answered as {@code 400} with the malformed-JSON error shape.
 */
public final class StrictJson {

  public static final int MAX_DEPTH = 32;

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private StrictJson() {}

  /** Checks {@code body} against the rules above; answers it decoded. */
  public static String check(byte[] body) {
    String text = decode(body);
    try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
      @SuppressWarnings("unchecked")
      Set<String>[] keys = new Set[MAX_DEPTH + 1];
      int depth = 0;
      boolean started = false;
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (started && depth == 0) {
          throw new Malformed("There is more after the JSON value"); // rule 2
        }
        started = true;
        switch (event) {
          case START_OBJECT, START_ARRAY -> {
            if (++depth > MAX_DEPTH) {
              throw new Malformed(
                  "The JSON is nested more than " + MAX_DEPTH + " levels deep"); // rule 4
            }
            keys[depth] = event == JsonParser.Event.START_OBJECT ? new HashSet<>() : null;
          }
          case END_OBJECT, END_ARRAY -> keys[depth--] = null;
          case KEY_NAME -> {
            if (!keys[depth].add(parser.getString())) {
              throw new Malformed(
                  "The key \"" + parser.getString() + "\" is there twice in one object"); // 3
            }
          }
          default -> {
            // a value
          }
        }
        if (depth == 0) {
          requireOnlyWhitespaceAfter(text, parser.getLocation().getStreamOffset());
        }
      }
      return text;
    } catch (Malformed e) {
      throw e;
    } catch (JsonException e) {
      throw new Malformed("The body is not JSON: " + e.getMessage());
    }
  }

  private static String decode(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString(); // rule 1
    } catch (CharacterCodingException e) {
      throw new Malformed("The body is not valid UTF-8");
    }
  }

  /**
   * Rule 2, by looking at the text itself: parsers differ in whether they report text after the
   * value (Parsson does not, for a top-level object).
   */
  private static void requireOnlyWhitespaceAfter(String text, long offset) {
    for (int i = (int) Math.max(0, offset); i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        throw new Malformed("There is more after the JSON value"); // rule 2
      }
    }
  }

  /** A body that breaks one of the rules above; {@code 400}. */
  public static class Malformed extends JsonException {
    Malformed(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // a client's mistake: no stack trace to pay for
    }
  }
}
