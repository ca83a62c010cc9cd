package io.contactdesk.testkit;

import java.net.URI;
import java.net.URL;

/**
 * The deployed app's address on the loopback interface. Payara Micro reports its URL with the
 * machine's own network address; tests send their traffic to 127.0.0.1 only.
 */
public final class Loopback {

  private Loopback() {}

  /** {@code deployment} with 127.0.0.1 as its host, ending in {@code /}. */
  public static URI of(URL deployment) {
    String path =
        deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
    return URI.create("http://127.0.0.1:" + deployment.getPort() + path);
  }
}
