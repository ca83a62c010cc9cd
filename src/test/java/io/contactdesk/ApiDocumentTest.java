package io.contactdesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.SpecCalls;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The API's description, {@code META-INF/openapi.yaml} (served at {@code /openapi}), against the
 * two things it describes: the contract (every call of SPEC.md, read from the SPEC itself) and the
 * code (every JAX-RS resource method, found by reflection, and nothing the code does not answer).
 * {@code it/OpenApiIT} checks the document the running app serves.
 */
class ApiDocumentTest {

  private static final Set<String> OPERATIONS =
      Set.of("get", "put", "post", "delete", "patch", "options", "head");
  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}:]+)[^}]*}");

  @Test
  void every_call_of_the_spec_parts_1_and_2_is_in_the_document() throws IOException {
    Set<String> documented = operations(document());
    List<SpecCalls.Call> calls = SpecCalls.inSpec();

    assertThat(calls)
        .as("the SPEC's calls read from docs/SPEC.md")
        .hasSizeGreaterThan(35)
        .contains(
            new SpecCalls.Call("PUT", "/api/me/settings"),
            new SpecCalls.Call("DELETE", "/api/admin/queues/{id}/members/{username}"),
            new SpecCalls.Call("PUT", "/api/admin/webhooks/{id}"),
            new SpecCalls.Call("GET", "/api/queues/{id}/statistics"));
    assertThat(calls.stream().map(c -> c.method() + " " + c.shape()))
        .allSatisfy(call -> assertThat(documented).as("documented operations").contains(call));
  }

  /**
   * Both ways. An operation of the SPEC that another branch builds is marked {@code x-not-built} in
   * the document until it is merged; such a mark must not outlive the merge either.
   */
  @Test
  void every_resource_method_is_in_the_document_and_the_document_describes_nothing_else()
      throws Exception {
    Map<String, Object> document = document();
    Set<String> documented = operations(document);
    Set<String> notBuilt = notBuilt(document);
    Set<String> answered = resourceMethods();

    assertThat(answered).as("resource methods found").hasSizeGreaterThan(35);
    assertThat(answered).as("resource methods").isSubsetOf(documented);
    Set<String> answeredPaths =
        answered.stream().map(op -> op.substring(op.indexOf(' ') + 1)).collect(Collectors.toSet());
    for (String operation : documented) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1);
      if (notBuilt.contains(operation)) {
        assertThat(answered)
            .as(operation + " is built now: remove its x-not-built from META-INF/openapi.yaml")
            .doesNotContain(operation);
      } else if (method.equals("OPTIONS")) {
        // preflights are answered by the CORS filter on the resources' own paths
        assertThat(answeredPaths).as("the path of " + operation).contains(path);
      } else {
        assertThat(answered)
            .as("a resource method for the documented " + operation)
            .contains(operation);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void every_path_parameter_is_declared_where_it_is_used() throws IOException {
    Map<String, Object> document = document();
    Map<String, Object> paths = (Map<String, Object>) document.get("paths");
    for (var entry : paths.entrySet()) {
      Map<String, Object> item = (Map<String, Object>) entry.getValue();
      Set<String> inPath = new TreeSet<>();
      Matcher template = TEMPLATE.matcher(entry.getKey());
      while (template.find()) {
        inPath.add(template.group(1));
      }
      for (var operation : item.entrySet()) {
        if (!OPERATIONS.contains(operation.getKey())) {
          continue;
        }
        Set<String> declared = new TreeSet<>();
        declared.addAll(pathParameters(document, item.get("parameters")));
        declared.addAll(
            pathParameters(
                document, ((Map<String, Object>) operation.getValue()).get("parameters")));
        assertThat(declared)
            .as("path parameters of %s %s", operation.getKey(), entry.getKey())
            .isEqualTo(inPath);
      }
    }
  }

  // ---------------------------------------------------------------- the document

  private static Map<String, Object> document() throws IOException {
    try (InputStream yaml =
        ApiDocumentTest.class.getClassLoader().getResourceAsStream("META-INF/openapi.yaml")) {
      assertThat(yaml).as("META-INF/openapi.yaml").isNotNull();
      return new Yaml().load(yaml);
    }
  }

  /** "GET /api/queues/{}/activity" for each operation of the document. */
  @SuppressWarnings("unchecked")
  private static Set<String> operations(Map<String, Object> document) {
    Set<String> operations = new TreeSet<>();
    Map<String, Object> paths = (Map<String, Object>) document.get("paths");
    paths.forEach(
        (path, item) ->
            ((Map<String, Object>) item)
                .keySet().stream()
                    .filter(OPERATIONS::contains)
                    .forEach(
                        method ->
                            operations.add(method.toUpperCase() + " " + SpecCalls.shapeOf(path))));
    return operations;
  }

  /** The operations marked {@code x-not-built}: in the SPEC, built on another branch. */
  @SuppressWarnings("unchecked")
  private static Set<String> notBuilt(Map<String, Object> document) {
    Set<String> operations = new TreeSet<>();
    Map<String, Object> paths = (Map<String, Object>) document.get("paths");
    paths.forEach(
        (path, item) ->
            ((Map<String, Object>) item)
                .forEach(
                    (method, operation) -> {
                      if (OPERATIONS.contains(method)
                          && ((Map<String, Object>) operation).containsKey("x-not-built")) {
                        operations.add(method.toUpperCase() + " " + SpecCalls.shapeOf(path));
                      }
                    }));
    return operations;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> pathParameters(Map<String, Object> document, Object parameters) {
    if (!(parameters instanceof List<?> list)) {
      return Set.of();
    }
    return list.stream()
        .map(p -> resolved(document, (Map<String, Object>) p))
        .filter(p -> "path".equals(p.get("in")))
        .map(p -> (String) p.get("name"))
        .collect(Collectors.toSet());
  }

  /** The object a {@code $ref: '#/components/...'} points at, or the object itself. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolved(Map<String, Object> document, Map<String, Object> o) {
    Object ref = o.get("$ref");
    if (!(ref instanceof String pointer)) {
      return o;
    }
    assertThat(pointer).startsWith("#/");
    Object target = document;
    for (String step : pointer.substring(2).split("/")) {
      target = ((Map<String, Object>) target).get(step);
      assertThat(target).as(pointer).isNotNull();
    }
    return (Map<String, Object>) target;
  }

  // ---------------------------------------------------------------- the code

  /** "GET /api/queues/{}/activity" for each resource method of the app's classes. */
  private static Set<String> resourceMethods() throws IOException, URISyntaxException {
    java.nio.file.Path classes =
        java.nio.file.Path.of(
            ContactDeskApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    String root =
        ContactDeskApplication.class.getAnnotation(jakarta.ws.rs.ApplicationPath.class).value();
    Set<String> methods = new TreeSet<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        Class<?> type;
        try {
          type =
              Class.forName(
                  name.substring(0, name.length() - ".class".length()),
                  false,
                  ApiDocumentTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        Path base = type.getAnnotation(Path.class);
        if (base == null || type.isInterface()) {
          continue;
        }
        for (Method method : type.getMethods()) {
          String http = httpMethodOf(method);
          Path sub = method.getAnnotation(Path.class);
          if (http == null) {
            assertThat(sub)
                .as("a sub-resource locator, which this check does not follow: " + method)
                .isNull();
            continue;
          }
          String path = join("/" + root, base.value(), sub == null ? "" : sub.value());
          methods.add(http + " " + SpecCalls.shapeOf(path));
        }
      }
    }
    return methods;
  }

  private static String httpMethodOf(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  private static String join(String... parts) {
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      String trimmed = part.replaceAll("^/+|/+$", "");
      if (!trimmed.isEmpty()) {
        path.append('/').append(trimmed);
      }
    }
    return path.toString();
  }
}
