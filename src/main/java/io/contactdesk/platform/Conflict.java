package io.contactdesk.platform;

/** The request clashes with what is stored (a taken name, say); answered as 409. */
public class Conflict extends RuntimeException {
  public Conflict(String message) {
    super(message, null, false, false);
  }
}
