package io.contactdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console speaks English, Finnish and Swedish (issue #19): every text its code shows goes
 * through {@code t('…')}, {@code plural(n, '…', '…')} or {@code msg('…')} (console/i18n.js), and
 * these tests read the console's JavaScript as text and hold the catalogues to it.
 */
class ConsoleCatalogueTest {

  private static final Path WEBAPP = Path.of("src", "main", "webapp");
  private static final String LITERAL =
      "('(?:[^'\\\\\\n]|\\\\.)*'|\"(?:[^\"\\\\\\n]|\\\\.)*\"|`(?:[^`\\\\$]|\\\\.)*`)";
  private static final Pattern LOOKUP = Pattern.compile("(?<![\\w$.])(?:t|msg)\\(\\s*" + LITERAL);
  private static final Pattern PLURAL =
      Pattern.compile("(?<![\\w$.])plural\\([^,]+,\\s*" + LITERAL + "\\s*,\\s*" + LITERAL);
  private static final Pattern TEMPLATE_KEY = Pattern.compile("(?<![\\w$.])t\\(\\s*`[^`]*\\$\\{");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\w+}");

  /**
   * Text-looking literals that are not shown to anyone: header names, key names, selectors, the
   * brand. A new visible text belongs in t('…'), not here.
   */
  private static final Set<String> NOT_SHOWN =
      Set.of(
          "ContactDesk",
          "Content-Type",
          "Accept",
          "X-Requested-With",
          "X-CSRF-Token",
          "Content-Disposition",
          "Retry-After",
          "Escape",
          "Enter",
          "Notification",
          "English",
          "UTC",
          "Europe/Helsinki",
          "Europe/Stockholm",
          "Europe/London",
          "Europe/Berlin",
          "America/New_York",
          "Start",
          "Registered",
          "Escalated",
          "New",
          "In progress",
          "Done",
          "Name",
          "Email",
          "Message");

  /** A literal right after t( or msg(, not after signedOut( or alert(. */
  private static final Pattern LOOKED_UP = Pattern.compile("(?:^|[^\\w$.])(?:t|msg)\\($");

  /** A literal that reads like words for people: starts with a capital and has a small letter. */
  private static final Pattern WORDS = Pattern.compile("^[A-ZÅÄÖ][a-zåäö’']+([ ,.:;!?…—–-].*)?$");

  @Test
  void every_text_the_console_looks_up_is_in_the_finnish_and_the_swedish_catalogue()
      throws IOException {
    Set<String> keys = keysInCode();
    assertThat(keys).hasSizeGreaterThan(300); // the whole console, not a sample

    for (String language : List.of("fi", "sv")) {
      Map<String, String> catalogue = catalogue(language);
      assertThat(keys).as("texts missing from %s.json", language).allMatch(catalogue::containsKey);
      assertThat(catalogue.keySet())
          .as("entries of %s.json that the code no longer uses", language)
          .allMatch(keys::contains);
      catalogue.forEach(
          (key, text) -> {
            assertThat(text).as("%s: %s", language, key).isNotBlank();
            assertThat(placeholders(text))
                .as("placeholders of the %s text for \"%s\"", language, key)
                .isEqualTo(placeholders(key));
          });
    }
  }

  @Test
  void no_lookup_key_is_built_at_run_time() throws IOException {
    for (Path file : consoleScripts()) {
      assertThat(TEMPLATE_KEY.matcher(Files.readString(file)).find())
          .as("t(`…${…}`) in %s: put the value in a {placeholder}", file)
          .isFalse();
    }
  }

  @Test
  void no_visible_english_sentence_is_left_outside_the_catalogue() throws IOException {
    List<String> strays = new ArrayList<>();
    Pattern literal = Pattern.compile(LITERAL);
    for (Path file : consoleScripts()) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String trimmed = line.strip();
        if (trimmed.startsWith("//")
            || trimmed.startsWith("*")
            || trimmed.startsWith("/*")
            || line.contains("// content:")) { // a queue's own texts (the new queue's defaults)
          continue;
        }
        int comment = line.indexOf(" // ");
        if (comment >= 0) {
          line = line.substring(0, comment);
        }
        Matcher m = literal.matcher(line);
        while (m.find()) {
          String text = m.group(1).substring(1, m.group(1).length() - 1);
          String before = line.substring(0, m.start()).stripTrailing();
          boolean lookedUp =
              LOOKED_UP.matcher(before).find()
                  || (before.endsWith(",") && before.contains("plural("));
          if (!lookedUp && WORDS.matcher(text).matches() && !NOT_SHOWN.contains(text)) {
            strays.add(WEBAPP.relativize(file) + ":" + (i + 1) + " " + m.group(1));
          }
        }
      }
    }
    assertThat(strays).as("texts shown without t()").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fi", "sv"})
  void a_catalogue_is_a_flat_object_of_texts(String language) throws IOException {
    assertThat(catalogue(language)).isNotEmpty();
  }

  private static Set<String> placeholders(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static Set<String> keysInCode() throws IOException {
    Set<String> keys = new TreeSet<>();
    for (Path file : consoleScripts()) {
      String source = Files.readString(file);
      Matcher lookup = LOOKUP.matcher(source);
      while (lookup.find()) {
        keys.add(unquote(lookup.group(1)));
      }
      Matcher plural = PLURAL.matcher(source);
      while (plural.find()) {
        keys.add(unquote(plural.group(1)));
        keys.add(unquote(plural.group(2)));
      }
    }
    return keys;
  }

  /** app.js and console/*.js, but i18n.js itself (whose comments show examples). */
  private static List<Path> consoleScripts() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(WEBAPP.resolve("app.js"));
    try (Stream<Path> console = Files.list(WEBAPP.resolve("console"))) {
      console
          .filter(p -> p.toString().endsWith(".js"))
          .filter(p -> !p.getFileName().toString().equals("i18n.js"))
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  private static String unquote(String literal) {
    return literal.substring(1, literal.length() - 1).replaceAll("\\\\(.)", "$1");
  }

  private static Map<String, String> catalogue(String language) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    try (JsonReader reader =
        Json.createReader(
            Files.newBufferedReader(
                WEBAPP.resolve("console/i18n/" + language + ".json"), StandardCharsets.UTF_8))) {
      JsonObject object = reader.readObject();
      object.forEach((key, value) -> texts.put(key, object.getString(key)));
    }
    return texts;
  }
}
