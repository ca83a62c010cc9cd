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
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Test;

/** SPEC Part 2: the server's datasource is chosen by configuration at start, never by a rebuild. */
class ChosenDataSourceTest {

  private final DataSource appPool = new JdbcDataSource();
  private final DataSource serverPool = new JdbcDataSource();
  private final Map<String, Object> jndi = new HashMap<>(Map.of("jdbc/contactdesk", serverPool));
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

  /** What the server hands Hibernate for persistence.xml's jta-data-source, the app's pool. */
  private final Map<String, Object> fromPersistenceXml =
      Map.of(AvailableSettings.DATASOURCE, appPool);

  @Test
  void without_a_setting_the_app_uses_its_own_pool() {
    var unset = chooser(null);
    var blank = chooser("  ");

    unset.configure(fromPersistenceXml);
    blank.configure(fromPersistenceXml);

    assertThat(unset.unwrap(DataSource.class)).isSameAs(appPool);
    assertThat(blank.unwrap(DataSource.class)).isSameAs(appPool);
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void contactdesk_datasource_names_the_server_datasource_by_jndi_name() {
    var chooser = chooser("jdbc/contactdesk");

    chooser.configure(fromPersistenceXml);

    assertThat(chooser.unwrap(DataSource.class)).isSameAs(serverPool);
    assertThat(lookedUp).containsExactly("jdbc/contactdesk");
  }

  @Test
  void a_name_the_server_does_not_know_stops_the_start_with_one_line() {
    assertThatThrownBy(() -> chooser("jdbc/nothing").configure(fromPersistenceXml))
        .hasMessageStartingWith(
            "ContactDesk cannot start: contactdesk.datasource (CONTACTDESK_DATASOURCE) names no"
                + " datasource of this server: jdbc/nothing");
  }

  @Test
  void a_name_bound_to_something_else_is_refused() {
    jndi.put("mail/contactdesk", "a mail session");

    assertThatThrownBy(() -> chooser("mail/contactdesk").configure(fromPersistenceXml))
        .hasMessageContaining("not a datasource: mail/contactdesk");
  }
}
