package io.contactdesk.users.boundary;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.users.control.Users;
import io.contactdesk.users.entity.NotificationSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** The caller and their notification settings (SPEC, Agent). */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "admin"})
public class MeResource {

  @Inject Users users;
  @Context SecurityContext security;

  public record Settings(Notifications notifications) {}

  public record Notifications(RegisteredContacts registeredContacts) {}

  public record RegisteredContacts(Boolean sound, Boolean desktop, Boolean email) {}

  @GET
  public UserBody me() {
    return UserBody.of(users.get(username()));
  }

  @GET
  @Path("settings")
  public Settings settings() {
    return settingsOf(users.get(username()).notifications());
  }

  @PUT
  @Path("settings")
  @Consumes(MediaType.APPLICATION_JSON)
  public Settings change(Settings body) {
    if (body == null) {
      throw new BadRequestException("Send the settings as JSON");
    }
    RegisteredContacts wanted =
        body.notifications() == null ? null : body.notifications().registeredContacts();
    if (wanted == null) {
      throw InvalidInput.of("notifications.registeredContacts", "is required");
    }
    var errors = new InvalidInput.Collector();
    String path = "notifications.registeredContacts.";
    if (wanted.sound() == null) errors.add(path + "sound", "must be true or false");
    if (wanted.desktop() == null) errors.add(path + "desktop", "must be true or false");
    if (wanted.email() == null) errors.add(path + "email", "must be true or false");
    errors.throwIfAny();
    return settingsOf(
        users.changeNotifications(
            username(),
            new NotificationSettings(wanted.sound(), wanted.desktop(), wanted.email())));
  }

  private String username() {
    return security.getUserPrincipal().getName();
  }

  private static Settings settingsOf(NotificationSettings s) {
    return new Settings(
        new Notifications(new RegisteredContacts(s.sound(), s.desktop(), s.email())));
  }
}
