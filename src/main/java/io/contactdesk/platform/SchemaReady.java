package io.contactdesk.platform;

/**
 * The schema is at the newest version and Hibernate's mappings match it: from now on the database
 * may be written. First-start data is made on this fact (see {@link Startup}).
 */
public record SchemaReady() {}
