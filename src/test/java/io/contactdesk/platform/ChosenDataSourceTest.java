package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.NameNotFoundException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** SPEC Part 2: the server's datasource is chosen by configuration at start, never by a rebuild. */
class ChosenDataSourceTest {

  private final DataSource appPool = new JdbcDataSource();
  private final DataSource serverPool = new JdbcDataSource();
  private final Map<String, Object> jndi =
      new HashMap<>(Map.of("java:app/jdbc/contactdesk", appPool, "jdbc/contactdesk", serverPool));
  private final List<String> lookedUp = new ArrayList<>();

  private ChosenDataSource chooser(String configured) {
    return new ChosenDataSource(
        key -> key.equals("contactdesk.datasource") ? configured : null,
        name -> {
          lookedUp.add(name);
          if (!jndi.containsKey(name)) {
            throw new NameNotFoundException(name);
          }
          return jndi.get(name);
        });
  }

  @Test
  void without_a_setting_the_app_uses_its_own_pool() {
    assertThat(chooser(null).chosen()).isSameAs(appPool);
    assertThat(chooser("  ").chosen()).isSameAs(appPool);
  }

  @Test
  void contactdesk_datasource_names_the_server_datasource_by_jndi_name() {
    assertThat(chooser("jdbc/contactdesk").chosen()).isSameAs(serverPool);
    assertThat(lookedUp).containsExactly("jdbc/contactdesk");
  }

  @Test
  void hibernate_gets_its_connections_from_the_chosen_datasource() {
    var chooser = chooser("jdbc/contactdesk");

    chooser.configure(Map.of());

    assertThat(chooser.unwrap(DataSource.class)).isSameAs(serverPool);
  }

  @Test
  void a_name_the_server_does_not_know_stops_the_start_with_one_line() {
    assertThatThrownBy(() -> chooser("jdbc/nothing").chosen())
        .hasMessageStartingWith(
            "ContactDesk cannot start: contactdesk.datasource (CONTACTDESK_DATASOURCE) names no"
                + " datasource of this server: jdbc/nothing");
  }

  @Test
  void a_name_bound_to_something_else_is_refused() {
    jndi.put("mail/contactdesk", "a mail session");

    assertThatThrownBy(() -> chooser("mail/contactdesk").chosen())
        .hasMessageContaining("not a datasource: mail/contactdesk");
  }
}
