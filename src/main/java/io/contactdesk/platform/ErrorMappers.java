package io.contactdesk.platform;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.TransactionalException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One mapper per kind of error, each answering {@link ErrorBody}. Anything a client sends ends in a
 * 4xx with a message it can act on; only our own faults give 500, with an id to find in the log.
 */
public final class ErrorMappers {

  private ErrorMappers() {}

  @Provider
  public static class Validation implements ExceptionMapper<InvalidInput> {
    @Override
    public Response toResponse(InvalidInput e) {
      return new ErrorBody(422, "validation", e.getMessage(), e.fields()).toResponse();
    }
  }

  /**
   * Violations of Jakarta Validation constraints on a request body ({@code @Valid}) or found by a
   * service: the same 422 as a broken domain rule, with every failing field. A violated return
   * value is our fault and answers 500.
   */
  @Provider
  public static class Violations implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
      if (e.getConstraintViolations().stream().anyMatch(ViolationFields::onReturnValue)) {
        return Unexpected.answer(e);
      }
      return new Validation()
          .toResponse(new InvalidInput(ViolationFields.of(e.getConstraintViolations())));
    }
  }

  @Provider
  public static class Missing implements ExceptionMapper<NotFound> {
    @Override
    public Response toResponse(NotFound e) {
      return ErrorBody.of(404, "not_found", e.getMessage()).toResponse();
    }
  }

  @Provider
  public static class Clash implements ExceptionMapper<Conflict> {
    @Override
    public Response toResponse(Conflict e) {
      return ErrorBody.of(409, "conflict", e.getMessage()).toResponse();
    }
  }

  @Provider
  public static class KeyReused implements ExceptionMapper<IdempotencyKeyReused> {
    @Override
    public Response toResponse(IdempotencyKeyReused e) {
      return ErrorBody.of(422, "idempotency_key_reused", e.getMessage()).toResponse();
    }
  }

  /** JAX-RS's own answers (404 for an unknown path, 405, 406, 415, 413, 429, ...), as JSON. */
  @Provider
  public static class Http implements ExceptionMapper<WebApplicationException> {
    private static final Map<Integer, String> CODES =
        Map.of(
            400, "bad_request",
            401, "unauthorized",
            403, "forbidden",
            404, "not_found",
            405, "method_not_allowed",
            406, "not_acceptable",
            413, "payload_too_large",
            415, "unsupported_media_type",
            429, "too_many_requests");

    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      int status = original.getStatus();
      if (status >= 500) {
        return Unexpected.answer(e);
      }
      String message =
          e.getMessage() == null || e.getMessage().startsWith("HTTP ")
              ? original.getStatusInfo().getReasonPhrase()
              : e.getMessage();
      Response.ResponseBuilder answer =
          Response.fromResponse(original)
              .entity(ErrorBody.of(status, CODES.getOrDefault(status, "client_error"), message));
      return answer.type("application/json").build();
    }
  }

  /** A body that is not JSON, or not JSON of the expected shape. */
  @Provider
  public static class Malformed implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      return malformed(e);
    }
  }

  @Provider
  public static class MalformedBinding implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
      return malformed(e);
    }
  }

  @Provider
  public static class MalformedJson implements ExceptionMapper<JsonException> {
    @Override
    public Response toResponse(JsonException e) {
      return malformed(e);
    }
  }

  static Response malformed(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PayloadTooLarge tooLarge) {
        return new Http().toResponse(tooLarge);
      }
      if (cause instanceof StrictJson.Malformed strict) {
        return ErrorBody.of(400, "malformed", strict.getMessage()).toResponse();
      }
    }
    return ErrorBody.of(400, "malformed", "The body is not JSON of the expected shape")
        .toResponse();
  }

  /**
   * A transaction that failed at commit. Mapped here because Jersey's own mapper for this type
   * would otherwise win and answer with an HTML page. Two agents changing one contact at once is a
   * conflict the client can retry; anything else is ours.
   */
  @Provider
  public static class Commit implements ExceptionMapper<TransactionalException> {
    @Override
    public Response toResponse(TransactionalException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof OptimisticLockException) {
          return ErrorBody.of(
                  409, "conflict", "Someone changed this at the same time; reload and try again")
              .toResponse();
        }
      }
      return new Unexpected().toResponse(e);
    }
  }

  @Provider
  public static class Unexpected implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    @Override
    public Response toResponse(Throwable e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof PayloadTooLarge
            || cause instanceof JsonException
            || cause instanceof JsonbException) {
          return malformed(cause);
        }
        if (cause instanceof InvalidInput invalid) {
          return new Validation().toResponse(invalid);
        }
        if (cause instanceof ConstraintViolationException violations) {
          return new Violations().toResponse(violations);
        }
        if (cause instanceof NotFound missing) {
          return new Missing().toResponse(missing);
        }
        if (cause instanceof IdempotencyKeyReused reused) {
          return new KeyReused().toResponse(reused);
        }
      }
      return answer(e);
    }

    static Response answer(Throwable e) {
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "Incident " + incident, e);
      return ErrorBody.of(500, "internal", "Something went wrong on our side; incident " + incident)
          .toResponse();
    }
  }
}
