package io.contactdesk.testkit;

import java.util.ArrayList;
import java.util.List;

/** The CSV downloads (SPEC, questionnaire answers) read back as records of fields. */
public final class Csv {

  private Csv() {}

  /**
   * A strict RFC 4180 reader: records end with CRLF, fields are separated by commas, a quoted field
   * may hold commas, line breaks and doubled quotes. Anything else (a bare LF between records, a
   * quote inside an unquoted field, text after a closing quote) fails, so the test also proves the
   * file is well formed.
   */
  public static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (text.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("unterminated quoted field at the end of the file");
          }
          char c = text.charAt(i++);
          if (c == '"') {
            if (i < n && text.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              break;
            }
          } else {
            cell.append(c);
          }
        }
      } else {
        while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
          if (text.charAt(i) == '"') {
            throw new IllegalArgumentException("a quote inside an unquoted field at " + i);
          }
          cell.append(text.charAt(i++));
        }
      }
      if (i >= n) {
        throw new IllegalArgumentException("the last record does not end with CRLF");
      }
      char next = text.charAt(i);
      if (next == ',') {
        record.add(cell.toString());
        cell.setLength(0);
        i++;
      } else if (next == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
        record.add(cell.toString());
        cell.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else {
        throw new IllegalArgumentException(
            "expected a comma or CRLF at " + i + " but found " + (int) next);
      }
    }
    return records;
  }
}
