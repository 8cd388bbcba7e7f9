package dev.signet.server.part;

import io.javalin.config.JavalinConfig;

/**
 * Something the service hosts: it adds its routes before the service starts, may start servers of
 * its own (SMTP, IMAP, LDAP) once the service runs, and stops with it.
 */
public interface ServicePart extends AutoCloseable {

  /** Adds routes (and anything else) to the HTTP(S) server; called once, before it starts. */
  void configure(JavalinConfig config, ServiceContext context);

  /** Called once the HTTP(S) server listens. */
  default void started(ServiceContext context) {}

  /** Stops whatever the part started; the service closes parts in reverse order. */
  @Override
  default void close() {}
}
