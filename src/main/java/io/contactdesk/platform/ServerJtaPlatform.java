package io.contactdesk.platform;

import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Which transaction manager Hibernate works with, found on the server the WAR runs on instead of
 * being fixed at build time. WildFly and Open Liberty hand Hibernate their own platform, so this is
 * not asked there; Payara and GlassFish do not, and Hibernate's own detection does not know them:
 * they are recognised by the JNDI name of their transaction manager. {@code
 * contactdesk.jta-platform} (a Hibernate {@code JtaPlatform} class name) overrides the choice.
 */
public class ServerJtaPlatform implements JtaPlatformResolver {

  /**
   * Where Payara and GlassFish bind their transaction manager (and {@link SunOneJtaPlatform}
   * looks).
   */
  static final String GLASSFISH_TRANSACTION_MANAGER = "java:appserver/TransactionManager";

  @Override
  @SuppressWarnings("rawtypes")
  public JtaPlatform resolveJtaPlatform(
      Map configurationValues, ServiceRegistryImplementor registry) {
    var named = Settings.value("contactdesk.jta-platform");
    if (named.isPresent()) {
      try {
        return (JtaPlatform)
            Class.forName(named.get().trim(), true, ServerJtaPlatform.class.getClassLoader())
                .getDeclaredConstructor()
                .newInstance();
      } catch (ReflectiveOperationException | ClassCastException e) {
        throw StartupGuard.cannotStart(
            StartupGuard.setting("contactdesk.jta-platform"),
            "is not a Hibernate JtaPlatform class: " + named.get() + " (" + e + ")");
      }
    }
    if (bound(GLASSFISH_TRANSACTION_MANAGER)) {
      return new SunOneJtaPlatform();
    }
    return StandardJtaPlatformResolver.INSTANCE.resolveJtaPlatform(configurationValues, registry);
  }

  private static boolean bound(String name) {
    try {
      return new InitialContext().lookup(name) != null;
    } catch (NamingException | RuntimeException e) {
      return false;
    }
  }
}
