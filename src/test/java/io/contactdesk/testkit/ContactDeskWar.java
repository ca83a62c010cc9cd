package io.contactdesk.testkit;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The real build output, {@code target/contactdesk.war}, as Arquillian deploys it: unchanged, and
 * named {@code ROOT.war} so the app runs at {@code /}, as in production.
 */
public final class ContactDeskWar {

  private ContactDeskWar() {}

  public static WebArchive asBuilt() {
    File war = new File(System.getProperty("contactdesk.war", "target/contactdesk.war"));
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
  }
}
