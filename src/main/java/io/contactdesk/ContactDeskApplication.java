package io.contactdesk;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The HTTP API under {@code /api}; resources and providers are discovered by scanning. */
@ApplicationPath("api")
@DeclareRoles({"agent", "admin"})
public class ContactDeskApplication extends Application {}
