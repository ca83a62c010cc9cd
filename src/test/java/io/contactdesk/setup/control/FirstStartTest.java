package io.contactdesk.setup.control;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.ClusterLock;
import io.contactdesk.users.control.Users;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first start on an empty database, when the operator's admin password cannot be used. */
class FirstStartTest {

  @Test
  void aTooShortAdminPasswordStopsTheStartWithAnErrorNamingTheSetting() {
    var firstStart = new FirstStart();
    firstStart.users =
        new Users() {
          @Override
          public boolean exist() {
            return false;
          }
        };
    firstStart.lock =
        new ClusterLock() {
          @Override
          public void holdUntilTransactionEnds(String name) {}
        };
    firstStart.adminPassword = Optional.of("short");

    assertThatThrownBy(() -> firstStart.seed(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "ContactDesk cannot start: contactdesk.admin.password (CONTACTDESK_ADMIN_PASSWORD)"
                + " length: must be 12 to 200 characters long");
  }
}
