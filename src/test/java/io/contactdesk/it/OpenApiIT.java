package io.contactdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.SpecCalls;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The API's description as the running app serves it at {@code /openapi} holds every call of the
 * SPEC, Parts 1 and 2, read from the SPEC itself ({@code docs/SPEC.md}), so the check follows the
 * contract. {@code ApiDocumentTest} holds the document against the resource classes.
 */
class OpenApiIT extends DeployedContactDesk {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  @Test
  void the_served_document_has_every_path_and_method_of_the_spec() {
    Reply served = api.get("openapi").accept("application/json").send().assertStatus(200);
    JsonObject document = served.json();
    Set<String> operations = new TreeSet<>();
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject().keySet().stream()
                    .filter(METHODS::contains)
                    .forEach(m -> operations.add(m.toUpperCase() + " " + SpecCalls.shapeOf(path))));

    List<SpecCalls.Call> calls = SpecCalls.inSpec();

    assertThat(document.getString("openapi")).startsWith("3.");
    assertThat(calls).hasSizeGreaterThan(35);
    assertThat(calls)
        .allSatisfy(
            call ->
                assertThat(operations)
                    .as("the operations served at /openapi")
                    .contains(call.method() + " " + call.shape()));
    assertThat(
            document
                .getJsonObject("components")
                .getJsonObject("securitySchemes")
                .getJsonObject("bearerToken")
                .getString("scheme"))
        .isEqualTo("bearer");
  }

  @Test
  void the_document_is_served_as_yaml_too_without_a_login() {
    Reply yaml = api.get("openapi").send().assertStatus(200);

    assertThat(yaml.body()).contains("openapi: 3.").contains("/api/me/tokens");
  }
}
