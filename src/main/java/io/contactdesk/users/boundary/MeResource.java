package io.contactdesk.users.boundary;

import io.contactdesk.platform.ClientAddress;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.TooManyRequests;
import io.contactdesk.users.control.LoginThrottle;
import io.contactdesk.users.control.Users;
import io.contactdesk.users.entity.NotificationSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** The caller, their notification settings and their own password (SPEC, Agent and Accounts). */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "admin"})
public class MeResource {

  @Inject ClientAddress clientAddress;
  @Inject Users users;
  @Inject LoginThrottle throttle;
  @Context SecurityContext security;
  @Context HttpServletRequest request;

  public record PasswordChange(String current, @JsonbProperty("new") String replacement) {}

  /** The caller's settings; a body without {@code notifications} lacks its one group. */
  public record Settings(@Valid Notifications notifications) {
    public Settings {
      notifications = notifications == null ? new Notifications(null) : notifications;
    }
  }

  public record Notifications(
      @NotNull(message = "is required") @Valid RegisteredContacts registeredContacts) {}

  public record RegisteredContacts(
      @NotNull(message = FLAG) Boolean sound,
      @NotNull(message = FLAG) Boolean desktop,
      @NotNull(message = FLAG) Boolean email) {}

  static final String FLAG = "must be true or false";

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
  public Settings change(@Valid Settings body) {
    if (body == null) {
      throw new BadRequestException("Send the settings as JSON");
    }
    RegisteredContacts wanted = body.notifications().registeredContacts();
    return settingsOf(
        users.changeNotifications(
            username(),
            new NotificationSettings(wanted.sound(), wanted.desktop(), wanted.email())));
  }

  /**
   * A new password, proven with the current one (a stolen session alone cannot take the account):
   * every other session, token and stream of the user ends; this console session goes on. A wrong
   * current password counts as a failed login.
   */
  @PUT
  @Path("password")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changePassword(PasswordChange body) {
    if (body == null) {
      throw new BadRequestException("Send {\"current\":…,\"new\":…}");
    }
    String username = username();
    var wait = throttle.refusal(username, clientAddress.of(request));
    if (wait.isPresent()) {
      throw new TooManyRequests(wait.get().toSeconds());
    }
    try {
      users.changeOwnPassword(
          username,
          body.current(),
          body.replacement(),
          SessionCookie.sessionIdOf(request).orElse(null));
    } catch (InvalidInput refused) {
      if (refused.fields().containsKey("current")) {
        throttle.failed(username, clientAddress.of(request));
      }
      throw refused;
    }
    return Response.noContent().build();
  }

  private String username() {
    return security.getUserPrincipal().getName();
  }

  private static Settings settingsOf(NotificationSettings s) {
    return new Settings(
        new Notifications(new RegisteredContacts(s.sound(), s.desktop(), s.email())));
  }
}
