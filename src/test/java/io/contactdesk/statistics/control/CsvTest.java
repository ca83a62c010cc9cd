package io.contactdesk.statistics.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void every_cell_is_quoted_even_plain_text() {
    assertThat(Csv.cell("ok")).isEqualTo("\"ok\"");
    assertThat(Csv.cell("plain äö 🙂")).isEqualTo("\"plain äö 🙂\"");
  }

  @Test
  void a_semicolon_or_a_tab_inside_a_cell_stays_inside_its_quotes() {
    assertThat(Csv.cell("Mia;=1+1")).isEqualTo("\"Mia;=1+1\"");
    assertThat(Csv.cell("a\t=b")).isEqualTo("\"a\t=b\"");
  }

  @Test
  void cells_that_a_spreadsheet_would_run_as_formulas_are_shown_as_text() {
    assertThat(Csv.cell("=1+2")).isEqualTo("\"'=1+2\"");
    assertThat(Csv.cell("+SUM(A1)")).isEqualTo("\"'+SUM(A1)\"");
    assertThat(Csv.cell("-3")).isEqualTo("\"'-3\"");
    assertThat(Csv.cell("@cmd")).isEqualTo("\"'@cmd\"");
    assertThat(Csv.cell("\tx")).isEqualTo("\"'\tx\"");
    assertThat(Csv.cell("\rx")).isEqualTo("\"'\rx\"");
  }

  @Test
  void quotes_are_doubled_and_commas_and_line_breaks_stay_inside_the_quotes() {
    assertThat(Csv.cell("a, b")).isEqualTo("\"a, b\"");
    assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void an_absent_value_is_an_empty_quoted_cell() {
    assertThat(Csv.cell(null)).isEqualTo("\"\"");
    assertThat(Csv.cell("")).isEqualTo("\"\"");
  }

  @Test
  void a_row_ends_with_crlf() throws IOException {
    StringWriter out = new StringWriter();
    Csv.writeRow(out, Arrays.asList("a", null, "=b"));

    assertThat(out).hasToString("\"a\",\"\",\"'=b\"\r\n");
  }

  @Test
  void a_formula_hidden_behind_a_quote_is_still_neutralised() {
    assertThat(Csv.cell("=HYPERLINK(\"http://evil\",\"x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  }
}
