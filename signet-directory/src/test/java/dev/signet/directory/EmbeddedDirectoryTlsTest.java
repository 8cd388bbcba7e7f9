package dev.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded directory over TLS with a certificate from our own CA: StartTLS on the LDAP port and
 * LDAPS on its own port, to UnboundID's client and to OpenLDAP's ldapsearch, each trusting only the
 * CA's root; a client that trusts another root is turned away.
 */
class EmbeddedDirectoryTlsTest {
  private static final char[] CA_PASSPHRASE = "directory TLS test CA".toCharArray();
  @TempDir static Path data;
  private static X509Certificate root;
  private static EmbeddedDirectory gal;

  @BeforeAll
  static void start() throws Exception {
    DigitalId tls;
    CaDatabase database = CaDatabase.inDataFolder(data.resolve("ca"));
    try (CertificateAuthority ca = CertificateAuthority.open(database)) {
      ca.init("CN=Directory TLS Test CA", KeyType.EC_P384, "http://127.0.0.1:1", CA_PASSPHRASE, "test");
      tls = ca.unlock(CA_PASSPHRASE).serviceIdentity(List.of("localhost", "127.0.0.1"));
    }
    root = tls.chain().get(tls.chain().size() - 1);
    gal = EmbeddedDirectory.start(People.settings(data.resolve("gal")).withTls(serverContext(tls), 0));
    gal.publish(People.publication("alice@example.org", People.id("alice@example.org")));
    TestPki.writeCertificatesPem(data.resolve("root.pem"), List.of(root));
    TestPki.writeCertificatesPem(data.resolve("other-root.pem"), List.of(TestPki.get().root()));
  }

  @AfterAll
  static void stop() {
    gal.close();
  }

  @Test
  void ldapsServesTheDirectoryToAClientThatTrustsTheCa() throws Exception {
    try (LDAPConnection c = new LDAPConnection(clientContext(root).getSocketFactory(), "127.0.0.1",
        gal.ldapsPort().orElseThrow())) {
      assertThat(aliceEntries(c)).isEqualTo(1);
    }
  }

  @Test
  void signetsDirectoryClientReadsOverLdapsTrustingOnlyTheCaItIsGiven() throws Exception {
    LdapSettings settings = LdapSettings.of(gal.ldapsUrl().orElseThrow()).withTrustAnchors(List.of(root));
    try (Directory directory = Directory.connect(settings)) {
      assertThat(directory.find("alice@example.org")).hasSize(1);
    }
  }

  @Test
  void signetsDirectoryClientRefusesAnLdapsServerOutsideItsAnchors() {
    LdapSettings settings = LdapSettings.of(gal.ldapsUrl().orElseThrow()).withTrustAnchors(List.of(TestPki.get().root()));
    assertThatThrownBy(() -> Directory.connect(settings).close()).isInstanceOf(DirectoryException.class)
        .hasMessageContaining("cannot use the directory at " + settings.url());
  }

  @Test
  void startTlsUpgradesTheLdapPort() throws Exception {
    try (LDAPConnection c = new LDAPConnection("127.0.0.1", gal.port())) {
      ExtendedResult upgraded = c.processExtendedOperation(new StartTLSExtendedRequest(clientContext(root)));

      assertThat(upgraded.getResultCode()).isEqualTo(ResultCode.SUCCESS);
      assertThat(aliceEntries(c)).isEqualTo(1);
    }
  }

  @Test
  void aClientTrustingAnotherRootIsRefusedTheHandshake() {
    assertThatThrownBy(() -> new LDAPConnection(clientContext(TestPki.get().root()).getSocketFactory(), "127.0.0.1",
        gal.ldapsPort().orElseThrow()).close()).isInstanceOf(LDAPException.class);
  }

  @Test
  void anAnonymousClientOnTheLdapsPortLeavesTheServiceItsRights() throws Exception {
    try (LDAPConnection c = new LDAPConnection(clientContext(root).getSocketFactory(), "127.0.0.1",
        gal.ldapsPort().orElseThrow())) {
      c.bind("", "");
      gal.publish(People.publication("bob@example.org", People.id("bob@example.org")));
    }

    assertThat(gal.find("bob@example.org")).hasSize(1);
  }

  @Test
  void theUrlsNameBothPorts() {
    assertThat(gal.url().toString()).startsWith("ldap://127.0.0.1:" + gal.port() + "/");
    assertThat(gal.ldapsUrl()).hasValueSatisfying(u -> assertThat(u.toString())
        .isEqualTo("ldaps://127.0.0.1:" + gal.ldapsPort().orElseThrow() + "/dc=example,dc=org"));
  }

  @Test
  void withoutTlsThereIsNoLdapsPort() throws Exception {
    try (EmbeddedDirectory plain = EmbeddedDirectory.start(People.settings(data.resolve("plain")))) {
      assertThat(plain.ldapsPort()).isEmpty();
      assertThat(plain.ldapsUrl()).isEmpty();
    }
  }

  @Test
  void ldapsearchFindsTheEntryOverStartTls() {
    ExternalTool.LDAPSEARCH.require();
    ProcessRunner.Result r = ldapsearch("root.pem", "-ZZ", "-H", "ldap://127.0.0.1:" + gal.port());

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdoutText()).contains("mail: alice@example.org");
  }

  @Test
  void ldapsearchFindsTheEntryOverLdaps() {
    ExternalTool.LDAPSEARCH.require();
    ProcessRunner.Result r = ldapsearch("root.pem", "-H", "ldaps://127.0.0.1:" + gal.ldapsPort().orElseThrow());

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdoutText()).contains("mail: alice@example.org");
  }

  @Test
  void ldapsearchTrustingAnotherRootCannotConnect() {
    ExternalTool.LDAPSEARCH.require();
    ProcessRunner.Result r = ldapsearch("other-root.pem", "-H", "ldaps://127.0.0.1:" + gal.ldapsPort().orElseThrow());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdoutText()).doesNotContain("alice@example.org");
  }

  private static ProcessRunner.Result ldapsearch(String caFile, String... connection) {
    List<String> command = new java.util.ArrayList<>(List.of(ExternalTool.LDAPSEARCH.path().orElseThrow(), "-x",
        "-LLL"));
    command.addAll(List.of(connection));
    command.addAll(List.of("-b", gal.baseDn(), "(mail=alice@example.org)", "mail"));
    return ProcessRunner.run(data, Map.of("LDAPTLS_CACERT", data.resolve(caFile).toString(), "LDAPTLS_REQCERT",
        "demand"), new byte[0], command);
  }

  private static int aliceEntries(LDAPConnection c) throws LDAPException {
    SearchResult found = c.search(gal.baseDn(), SearchScope.SUB, "(mail=alice@example.org)", "mail");
    return found.getEntryCount();
  }

  private static SSLContext serverContext(DigitalId id) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("tls", id.privateKey(), new char[0], id.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  private static SSLContext clientContext(X509Certificate trusted) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("root", trusted);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
