package dev.signet.server.web;

import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.server.Service;
import dev.signet.server.ServiceConfig;
import dev.signet.server.part.ServicePart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A service with the web UI of a new organisation: a CA, and no accounts at all, not even an administrator. */
final class BareService implements AutoCloseable {
  private static final char[] PASSPHRASE = "bare service CA".toCharArray();

  final Path data;
  final CaDatabase database;
  final WebUi web;
  final Service service;
  final X509Certificate root;

  private BareService(Path data, CaDatabase database, WebUi web, Service service, X509Certificate root) {
    this.data = data;
    this.database = database;
    this.web = web;
    this.service = service;
    this.root = root;
  }

  /** Listening on {@code host}, hosting {@code before} ahead of the web UI, telling time by {@code clock}. */
  static BareService start(String host, List<ServicePart> before, Clock clock) throws IOException {
    Path data = Files.createTempDirectory("signet-bare");
    CaDatabase database = CaDatabase.inDataFolder(data);
    X509Certificate root;
    try (CertificateAuthority ca = CertificateAuthority.open(database)) {
      ca.init("CN=Bare Service CA", KeyType.EC_P384, "http://127.0.0.1:1", PASSPHRASE, "test");
      root = ca.caCertificates().get(1);
    }
    WebUi web = WebUi.over(database, clock);
    List<ServicePart> parts = new ArrayList<>(before);
    parts.add(web);
    Service service = Service.start(ServiceConfig.defaults(data).withDatabase(database).withHost(host).withPorts(0, 0)
        .withParts(parts), PASSPHRASE);
    return new BareService(data, database, web, service, root);
  }

  String https(String path) {
    return "https://127.0.0.1:" + service.httpsPort() + path;
  }

  WebClient client() {
    return new WebClient(this::https, root);
  }

  @Override
  public void close() {
    service.close();
  }
}
