package io.contactdesk.statistics.control;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV, safe to open in a spreadsheet whatever its list separator (SPEC rule 14):
 *
 * <ol>
 *   <li>Every cell is quoted, quotes doubled, so a {@code ;} or a tab inside a cell never splits it
 *       in a spreadsheet that separates lists with {@code ;} (Finnish, Swedish, German).
 *   <li>A cell that starts with {@code = + - @}, a tab or a carriage return is prefixed with {@code
 *       '} so it is shown as text and never run as a formula (CSV injection).
 *   <li>An absent value is an empty quoted cell.
 * </ol>
 */
public final class Csv {

  private static final String FORMULA_STARTS = "=+-@\t\r";

  private Csv() {}

  public static void writeRow(Writer out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(cells.get(i)));
    }
    out.write("\r\n");
  }

  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "\"\"";
    }
    String text = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
