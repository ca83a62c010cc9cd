package io.contactdesk.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.persistence.AttributeConverter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Stores a value object as a JSON document in a text column. Used for the parts of a queue's
 * configuration that are always read and written as a whole (form, bot, opening hours). A subclass
 * only names the type: {@code class FormColumn extends JsonColumn<ContactForm> {}}.
 */
public abstract class JsonColumn<T> implements AttributeConverter<T, String> {

  private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

  private final Type type =
      ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];

  @Override
  public String convertToDatabaseColumn(T value) {
    return value == null ? null : JSONB.toJson(value, type);
  }

  @Override
  public T convertToEntityAttribute(String json) {
    return json == null ? null : JSONB.fromJson(json, type);
  }
}
