package io.contactdesk.users.boundary;

import io.contactdesk.users.control.Users;
import io.contactdesk.users.entity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Admins create and list users (SPEC, Admin). */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminUsersResource {

  @Inject Users users;

  public record NewUser(
      String username, String displayName, String email, String password, List<String> roles) {}

  @GET
  public List<UserBody> all() {
    return users.all().stream().map(UserBody::of).toList();
  }

  @GET
  @Path("{username}")
  public UserBody one(@PathParam("username") String username) {
    return UserBody.of(users.get(username));
  }

  @POST
  public Response create(NewUser body) {
    if (body == null) {
      throw new BadRequestException("Send the user as JSON");
    }
    User user =
        users.create(
            body.username(), body.displayName(), body.email(), body.password(), body.roles());
    return Response.created(URI.create("admin/users/" + user.username()))
        .entity(Map.of("id", user.id()))
        .build();
  }
}
