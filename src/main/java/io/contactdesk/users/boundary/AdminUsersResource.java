package io.contactdesk.users.boundary;

import io.contactdesk.platform.Constraints.WireName;
import io.contactdesk.platform.DomainInput;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.users.control.LoginThrottle;
import io.contactdesk.users.control.Users;
import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Admins create, list, edit, disable, delete users and reset passwords (SPEC, Accounts). */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminUsersResource {

  @Inject Users users;
  @Inject LoginThrottle throttle;

  /** A new user; without roles, an agent. Checked by {@link User}'s rules in the same pass. */
  @DomainInput.Meets
  public record NewUser(
      String username,
      String displayName,
      String email,
      String password,
      @WireName(value = Role.class, lowerCase = true, message = ROLES) List<String> roles)
      implements DomainInput {

    Set<Role> roleSet() {
      Set<Role> known = RoleNames.of(roles);
      return known.isEmpty() ? EnumSet.of(Role.AGENT) : known;
    }

    Users.Description description() {
      return new Users.Description(displayName, email, roleSet());
    }

    @Override
    public void checkDomainRules() {
      var errors = new InvalidInput.Collector();
      User.checkNew(errors, username, displayName, email, roleSet(), password);
      errors.throwIfAny();
    }
  }

  /** An admin's edit; what is left out (null) stays as it is. */
  @DomainInput.Meets
  public record Edit(
      String displayName,
      String email,
      @WireName(value = Role.class, lowerCase = true, message = ROLES) List<String> roles,
      Boolean disabled)
      implements DomainInput {

    Users.Description description() {
      return new Users.Description(displayName, email, roles == null ? null : RoleNames.of(roles));
    }

    @Override
    public void checkDomainRules() {
      var errors = new InvalidInput.Collector();
      Users.Description d = description();
      // unknown role names are the constraint's to report, not "no role at all"
      boolean unknownOnly = roles != null && !roles.isEmpty() && d.roles().isEmpty();
      User.checkDescription(errors, d.displayName(), d.email(), unknownOnly ? null : d.roles());
      errors.throwIfAny();
    }
  }

  static final String ROLES = "each role is agent or admin";

  public record NewPassword(String password) {}

  @GET
  public List<AccountBody> all() {
    return users.all().stream().map(AccountBody::of).toList();
  }

  @GET
  @Path("{username}")
  public AccountBody one(@PathParam("username") String username) {
    return AccountBody.of(users.get(username));
  }

  @POST
  public Response create(@Valid NewUser body) {
    NewUser user = required(body);
    User created = users.create(user.username(), user.description(), user.password());
    return Response.created(URI.create("admin/users/" + created.username()))
        .entity(Map.of("id", created.id()))
        .build();
  }

  @PUT
  @Path("{username}")
  public AccountBody edit(@PathParam("username") String username, @Valid Edit body) {
    Edit edit = required(body);
    return AccountBody.of(users.edit(username, edit.description(), edit.disabled()));
  }

  @PUT
  @Path("{username}/password")
  public Response resetPassword(@PathParam("username") String username, NewPassword body) {
    users.resetPassword(username, required(body).password());
    throttle.succeeded(username); // the owner gets in with the new password at once
    return Response.noContent().build();
  }

  @DELETE
  @Path("{username}")
  public Response delete(@PathParam("username") String username) {
    users.delete(username);
    return Response.noContent().build();
  }

  private static <T> T required(T body) {
    if (body == null) {
      throw new BadRequestException("Send the user as JSON");
    }
    return body;
  }
}
