package dev.signet.bench;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.directory.Directory;
import dev.signet.directory.LdapSettings;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.mail.transport.TransportException;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.CertificateProfile;
import dev.signet.pki.EstClient;
import dev.signet.pki.Issuer;
import dev.signet.server.Organisation;
import dev.signet.server.OrganisationDirectory;
import dev.signet.server.OrganisationMail;
import dev.signet.server.Service;
import dev.signet.server.ServiceConfig;
import dev.signet.server.mail.MailServiceConfig;
import dev.signet.server.web.Accounts;
import dev.signet.server.web.WebUi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole service on loopback for load: CA, web UI, embedded mail server and directory, with
 * {@code people} accounts, each with a dual-use digital ID the CA issued over EST (so the service
 * published it in the directory) and the same password for the web, SMTP and IMAP.
 */
public final class LoadOrganisation implements AutoCloseable {
  public static final String DOMAIN = "example.org";
  public static final String PASSWORD = "load test password";
  private static final char[] PASSPHRASE = "load test CA passphrase".toCharArray();

  /** One person: their address and their digital ID (private key and chain). */
  public record Person(String email, DigitalId id) {}

  private final Service service;
  private final Organisation organisation;
  private final X509Certificate root;
  private final List<X509CRL> crls;
  private final List<Person> people;

  private LoadOrganisation(Service service, Organisation organisation, X509Certificate root, List<X509CRL> crls,
      List<Person> people) {
    this.service = service;
    this.organisation = organisation;
    this.root = root;
    this.crls = List.copyOf(crls);
    this.people = List.copyOf(people);
  }

  /** Sets the organisation up in the empty folder {@code data} and starts it; {@code key} is "ec-p256" or "rsa2048". */
  public static LoadOrganisation start(Path data, int people, String key) throws IOException {
    CaDatabase database = CaDatabase.inDataFolder(data);
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      emails.add("person" + i + "@" + DOMAIN);
    }
    try (CertificateAuthority ca = CertificateAuthority.open(database)) {
      ca.init("CN=Load CA,O=" + DOMAIN, KeyType.EC_P384, "http://127.0.0.1:1", PASSPHRASE, "load");
    }
    WebUi accounts = WebUi.over(database);
    try {
      emails.parallelStream().forEach(e -> accounts.accounts().create(e, e, Accounts.Role.PERSON, PASSWORD.toCharArray()));
    } finally {
      accounts.close();
    }
    Organisation organisation = Organisation.of(DOMAIN, database, OrganisationMail.embedded(
        MailServiceConfig.defaults(data.resolve("mail")).withHost("127.0.0.1").withPorts(0, 0, 0, 0)),
        OrganisationDirectory.embedded(0), List.of());
    Service service = Service.start(ServiceConfig.defaults(data).withHost("127.0.0.1").withPorts(0, 0)
        .withParts(List.of(organisation)), PASSPHRASE);
    try (CertificateAuthority ca = CertificateAuthority.open(database)) {
      X509Certificate root = ca.caCertificates().get(ca.caCertificates().size() - 1);
      EstClient est = EstClient.to(URI.create("https://127.0.0.1:" + service.httpsPort()), List.of(root));
      List<Person> enrolled = emails.parallelStream().map(email -> new Person(email, enroll(ca, est, email, key))).toList();
      return new LoadOrganisation(service, organisation, root, crls(ca), enrolled);
    } catch (RuntimeException | IOException e) {
      service.close();
      throw e;
    }
  }

  /** The CA's current CRLs, which readers would fetch: the CA's address on record is not the service's port. */
  private static List<X509CRL> crls(CertificateAuthority ca) throws IOException {
    Issuer issuer = ca.unlock(PASSPHRASE);
    List<X509CRL> crls = new ArrayList<>(Certificates.readCrls(new ByteArrayInputStream(issuer.currentCrl())));
    crls.addAll(Certificates.readCrls(new ByteArrayInputStream(issuer.rootCrl())));
    return crls;
  }

  private static DigitalId enroll(CertificateAuthority ca, EstClient est, String email, String key) {
    String token = ca.token(email, Optional.empty(), Duration.ofHours(1), "load").secret();
    KeyPair keys = keys(key);
    EstClient.Answer answer;
    try {
      answer = est.enroll(email, token, EstClient.request(keys, email), CertificateProfile.DUAL_USE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    X509Certificate cert = answer.certificate().orElseThrow(() -> new IllegalStateException("no ID for " + email + ": " + answer));
    List<X509Certificate> chain = new ArrayList<>(List.of(cert));
    chain.addAll(ca.caCertificates());
    return DigitalId.of(keys.getPrivate(), chain);
  }

  private static KeyPair keys(String key) {
    try {
      if (key.equals("rsa2048")) {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return rsa.generateKeyPair();
      }
      if (!key.equals("ec-p256")) {
        throw new IllegalArgumentException("key is ec-p256 or rsa2048, not " + key);
      }
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp256r1"));
      return ec.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<Person> people() {
    return people;
  }

  public X509Certificate root() {
    return root;
  }

  /** The CA's CRLs as they were when the organisation started. */
  public List<X509CRL> crls() {
    return crls;
  }

  public ServerTrust trust() {
    return ServerTrust.anchoredAt(List.of(root));
  }

  public MailServer smtp() throws TransportException {
    return MailServer.smtp("smtps://127.0.0.1:" + organisation.smtpsPort());
  }

  public MailServer imap() throws TransportException {
    return MailServer.imap("imaps://127.0.0.1:" + organisation.imapsPort());
  }

  /** The directory over LDAP, read anonymously as a mail program does. */
  public Directory directory() throws IOException {
    return Directory.connect(LdapSettings.of(URI.create("ldap://127.0.0.1:" + organisation.ldapPort() + "/dc=example,dc=org")));
  }

  /** https://127.0.0.1:PORT */
  public URI web() {
    return URI.create("https://127.0.0.1:" + service.httpsPort());
  }

  @Override
  public void close() {
    service.close();
  }
}
