package io.contactdesk.platform;

/**
 * The app has its schema and its first-start data: background work (retention, mail, live
 * notifications) begins on this fact, and the ready line follows it (see {@link Startup}).
 */
public record AppStarted() {}
