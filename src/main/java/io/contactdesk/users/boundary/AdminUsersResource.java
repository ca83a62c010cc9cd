package io.contactdesk.users.boundary;

import io.contactdesk.users.control.LoginThrottle;
import io.contactdesk.users.control.Users;
import io.contactdesk.users.entity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.util.List;
import java.util.Map;

/** Admins create, list, edit, disable, delete users and reset passwords (SPEC, Accounts). */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminUsersResource {

  @Inject Users users;
  @Inject LoginThrottle throttle;

  public record NewUser(
      String username, String displayName, String email, String password, List<String> roles) {}

  public record Edit(String displayName, String email, List<String> roles, Boolean disabled) {}

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
  public Response create(NewUser body) {
    NewUser user = required(body);
    User created =
        users.create(
            user.username(),
            new Users.Description(user.displayName(), user.email(), user.roles()),
            user.password());
    return Response.created(URI.create("admin/users/" + created.username()))
        .entity(Map.of("id", created.id()))
        .build();
  }

  @PUT
  @Path("{username}")
  public AccountBody edit(@PathParam("username") String username, Edit body) {
    Edit edit = required(body);
    return AccountBody.of(
        users.edit(
            username,
            new Users.Description(edit.displayName(), edit.email(), edit.roles()),
            edit.disabled()));
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
