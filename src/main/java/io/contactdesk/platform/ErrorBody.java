package io.contactdesk.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The one shape of every error answer: {@code {"status":422,"error":"validation","message":"…",
 * "fields":{"email":"must be an e-mail address …"}}}. {@code fields} is there for 422 only.
 */
public record ErrorBody(int status, String error, String message, Map<String, String> fields) {

  private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

  public static ErrorBody of(int status, String error, String message) {
    return new ErrorBody(status, error, message, null);
  }

  public Response toResponse() {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
  }

  public String toJson() {
    return JSONB.toJson(this);
  }
}
