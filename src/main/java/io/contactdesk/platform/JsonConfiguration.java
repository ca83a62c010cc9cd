package io.contactdesk.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;

/**
 * JSON as the API speaks it: absent values written as {@code null}, so every key in SPEC is there;
 * and a flag is {@code true} or {@code false}, never a string JSON-B would quietly read as false.
 */
@Provider
public class JsonConfiguration implements ContextResolver<Jsonb> {

  private static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig().withNullValues(true).withDeserializers(new StrictBoolean()));

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }

  /** Reads only JSON's own {@code true} and {@code false}; anything else is a malformed body. */
  public static class StrictBoolean implements JsonbDeserializer<Boolean> {
    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
      return switch (parser.getValue().getValueType()) {
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case NULL -> null;
        default -> throw new JsonbException("expected true or false");
      };
    }
  }
}
