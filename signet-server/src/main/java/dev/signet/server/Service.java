package dev.signet.server;

import dev.signet.core.DigitalId;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Issuer;
import dev.signet.server.part.ServiceContext;
import dev.signet.server.part.ServicePart;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The front door of the service: starts HTTP and HTTPS with the CA's services (EST, CRL, OCSP) and
 * every {@link ServicePart} it is given, and stops them. Holds no state of its own: everything is in
 * the CA's database, so several nodes may share one.
 */
public final class Service implements AutoCloseable {
  private static final long MAX_REQUEST_BYTES = 256 * 1024;
  private static final int RESPONSE_HEADER_BYTES = 64 * 1024;

  private final Javalin app;
  private final ServerConnector http;
  private final ServerConnector https;
  private final List<ServicePart> parts;
  private final CertificateAuthority authority;

  private Service(Javalin app, ServerConnector http, ServerConnector https, List<ServicePart> parts,
      CertificateAuthority authority) {
    this.app = app;
    this.http = http;
    this.https = https;
    this.parts = parts;
    this.authority = authority;
  }

  /** Opens the CA with {@code passphrase} (its TLS certificate is issued on first start) and starts listening. */
  public static Service start(ServiceConfig config, char[] passphrase) {
    try {
      Files.createDirectories(config.dataFolder());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CertificateAuthority authority = CertificateAuthority.open(config.database());
    try {
      Issuer issuer = authority.unlock(passphrase);
      DigitalId tls = issuer.serviceIdentity(config.hostNames());
      ServiceContext context = new ServiceContext(config.dataFolder(), authority, issuer, tls);
      List<ServicePart> parts = new ArrayList<>();
      parts.add(new CaServices());
      parts.addAll(config.parts());
      AtomicReference<ServerConnector> httpConnector = new AtomicReference<>();
      AtomicReference<ServerConnector> httpsConnector = new AtomicReference<>();
      Javalin app = Javalin.create(javalin -> {
        javalin.startup.showJavalinBanner = false;
        javalin.http.maxRequestSize = MAX_REQUEST_BYTES;
        javalin.jetty.modifyHttpConfiguration(h -> {
          h.setResponseHeaderSize(RESPONSE_HEADER_BYTES);
          h.setSendServerVersion(false);
        });
        javalin.jetty.addConnector((server, http) -> {
          ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
          c.setHost(config.host());
          c.setPort(config.httpPort());
          httpConnector.set(c);
          return c;
        });
        javalin.jetty.addConnector((server, http) -> {
          ServerConnector c = httpsConnector(server, http, tls, issuer.caChain(), config);
          httpsConnector.set(c);
          return c;
        });
        javalin.routes.before(ctx -> toHttps(ctx, config, httpsConnector.get()));
        parts.forEach(p -> p.configure(javalin, context));
      });
      try {
        app.start();
        parts.forEach(p -> p.started(context));
      } catch (RuntimeException e) {
        closeAll(parts);
        app.stop();
        throw e instanceof JavalinBindException ? new UncheckedIOException(new BindException("cannot listen on "
            + config.host() + " ports " + config.httpPort() + " and " + config.httpsPort() + ": " + e.getMessage())) : e;
      }
      return new Service(app, httpConnector.get(), httpsConnector.get(), parts, authority);
    } catch (RuntimeException e) {
      authority.close();
      throw e;
    }
  }

  /**
   * Plain HTTP serves only what relying parties fetch without TLS (the CA's certificates, CRLs, OCSP;
   * EST refuses by itself): anything else is redirected, method and body kept, to the same path over
   * HTTPS, before any handler can write content or set a cookie.
   */
  private static void toHttps(Context ctx, ServiceConfig config, ServerConnector https) {
    if (ctx.req().isSecure() || CaServices.answersPlainHttp(ctx.path())) {
      return;
    }
    String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
    ctx.status(HttpStatus.PERMANENT_REDIRECT).header("Location", "https://" + redirectHost(ctx.host(), config.hostNames())
        + ":" + https.getLocalPort() + ctx.path() + query); // not ctx.redirect: that writes a body
    ctx.skipRemainingHandlers();
  }

  /** The name the client asked for when the TLS certificate carries it; never another host a request names. */
  private static String redirectHost(String hostHeader, List<String> hostNames) {
    String asked = hostHeader == null ? "" : hostHeader.replaceFirst(":\\d+$", "");
    return hostNames.stream().filter(n -> n.equalsIgnoreCase(asked) || ("[" + n + "]").equalsIgnoreCase(asked))
        .findFirst().map(n -> n.contains(":") ? "[" + n + "]" : n).orElse(hostNames.get(0));
  }

  private static ServerConnector httpsConnector(Server server, HttpConfiguration http,
      DigitalId tls, List<X509Certificate> caChain, ServiceConfig config) {
    X509Certificate root = caChain.get(caChain.size() - 1);
    SslContextFactory.Server ssl = new SslContextFactory.Server() {
      @Override
      protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
        return new TrustManager[] {new ClientCertificates(root)};
      }
    };
    ssl.setKeyStore(keyStore(tls));
    ssl.setKeyStorePassword("");
    ssl.setTrustStore(trustStore(root));
    ssl.setWantClientAuth(true); // EST re-enrollment: the holder of a certificate shows it
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration secure = new HttpConfiguration(http);
    SecureRequestCustomizer customizer = new SecureRequestCustomizer();
    customizer.setSniHostCheck(false); // clients may reach us by IP address
    secure.addCustomizer(customizer);
    ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(secure));
    c.setHost(config.host());
    c.setPort(config.httpsPort());
    return c;
  }

  private static KeyStore keyStore(DigitalId id) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("tls", id.privateKey(), new char[0], id.chain().toArray(X509Certificate[]::new));
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot hold the TLS key", e);
    }
  }

  private static KeyStore trustStore(X509Certificate root) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("root", root);
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot hold the CA certificate", e);
    }
  }

  public int httpPort() {
    return http.getLocalPort();
  }

  public int httpsPort() {
    return https.getLocalPort();
  }

  @Override
  public void close() {
    closeAll(parts);
    app.stop();
    authority.close();
  }

  private static void closeAll(List<ServicePart> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      parts.get(i).close();
    }
  }
}
