package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hibernate.resource.jdbc.spi.PhysicalConnectionHandlingMode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The app's persistence unit (the WAR's {@code META-INF/persistence.xml}), as every server's JPA
 * reads it.
 */
class PersistenceUnitTest {

  /**
   * On GlassFish and Payara Server with a datasource of the server, a connection asked for while
   * the transaction commits is not the transaction's (their {@code @Transactional} interceptor
   * clears the invocation's transaction before committing), so Hibernate's flush at commit wrote
   * outside the transaction and waited for ever on the row lock the transaction itself held (the
   * mail outbox's claim, docs/deployment.md). The session therefore takes its one connection when
   * it opens, inside the transaction, and keeps it to the end.
   */
  @Test
  void a_transaction_runs_all_its_statements_on_the_connection_it_opened_with() throws Exception {
    Map<String, String> properties = properties("contactdesk");

    assertThat(
            PhysicalConnectionHandlingMode.interpret(
                properties.get("hibernate.connection.handling_mode")))
        .isEqualTo(PhysicalConnectionHandlingMode.IMMEDIATE_ACQUISITION_AND_HOLD);
    assertThat(properties.get("hibernate.connection.provider_class"))
        .isEqualTo(ChosenDataSource.class.getName());
  }

  private static Map<String, String> properties(String unit) throws Exception {
    for (URL xml :
        Collections.list(
            PersistenceUnitTest.class.getClassLoader().getResources("META-INF/persistence.xml"))) {
      try (InputStream in = xml.openStream()) {
        NodeList units =
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(in)
                .getElementsByTagName("persistence-unit");
        for (int i = 0; i < units.getLength(); i++) {
          Element found = (Element) units.item(i);
          if (found.getAttribute("name").equals(unit)) {
            Map<String, String> properties = new HashMap<>();
            NodeList all = found.getElementsByTagName("property");
            for (int j = 0; j < all.getLength(); j++) {
              Element property = (Element) all.item(j);
              properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
            return properties;
          }
        }
      }
    }
    throw new AssertionError("no persistence unit " + unit + " on the class path");
  }
}
