package dev.signet.server;

import dev.signet.pki.CaDatabase;
import dev.signet.server.part.ServicePart;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to run the service.
 *
 * @param dataFolder where the service keeps its state (the H2 database by default)
 * @param database the CA's database (H2 in {@code dataFolder}, or PostgreSQL)
 * @param host the address to listen on
 * @param httpPort plain HTTP (CRL and OCSP, which relying parties fetch without TLS); 0 picks a free port
 * @param httpsPort HTTPS (EST and everything a person signs in to); 0 picks a free port
 * @param hostNames the names the TLS certificate is issued for
 * @param parts what the service hosts besides the CA services (web UI, mail, directory, ...)
 */
public record ServiceConfig(Path dataFolder, CaDatabase database, String host, int httpPort, int httpsPort,
    List<String> hostNames, List<ServicePart> parts) {
  public ServiceConfig {
    Objects.requireNonNull(dataFolder, "dataFolder");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(host, "host");
    hostNames = List.copyOf(hostNames);
    parts = List.copyOf(parts);
    if (hostNames.isEmpty()) {
      throw new IllegalArgumentException("the TLS certificate needs at least one host name");
    }
    checkPort(httpPort);
    checkPort(httpsPort);
  }

  /** The data folder's own database, on all interfaces, the usual ports, for localhost. */
  public static ServiceConfig defaults(Path dataFolder) {
    return new ServiceConfig(dataFolder, CaDatabase.inDataFolder(dataFolder), "0.0.0.0", 8080, 8443,
        List.of("localhost", "127.0.0.1"), List.of());
  }

  public ServiceConfig withDatabase(CaDatabase d) {
    return new ServiceConfig(dataFolder, d, host, httpPort, httpsPort, hostNames, parts);
  }

  public ServiceConfig withHost(String h) {
    return new ServiceConfig(dataFolder, database, h, httpPort, httpsPort, hostNames, parts);
  }

  public ServiceConfig withPorts(int http, int https) {
    return new ServiceConfig(dataFolder, database, host, http, https, hostNames, parts);
  }

  public ServiceConfig withParts(List<ServicePart> p) {
    return new ServiceConfig(dataFolder, database, host, httpPort, httpsPort, hostNames, p);
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
  }
}
