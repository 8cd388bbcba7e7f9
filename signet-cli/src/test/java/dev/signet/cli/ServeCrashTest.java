package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.EstClient;
import dev.signet.pki.IssuedCertificate;
import dev.signet.pki.CertificateProfile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `signet serve` killed with SIGKILL while work is in flight, then started again on the same data
 * folder: whatever it acknowledged is still there, exactly once, and its stores agree.
 */
class ServeCrashTest {
  private static final String BASE = "dc=example,dc=org";
  private static final int IN_FLIGHT = 24;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 6;

  @TempDir Path data;

  @Test
  void aKillDuringEnrollmentsReusesNoSerialSpendsNoTokenTwiceAndLeavesNoCertificateUnpublished() throws Exception {
    Map<String, String> tokens = new HashMap<>();
    Map<String, X509Certificate> answered = new ConcurrentHashMap<>();
    List<X509Certificate> anchors;
    try (ServeProcess serve = ServeProcess.start(data)) {
      try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
        anchors = List.of(ca.caCertificates().get(ca.caCertificates().size() - 1));
        for (int i = 0; i < IN_FLIGHT; i++) {
          String email = "enrollee" + i + "@example.org";
          tokens.put(email, ca.token(email, Optional.empty(), Duration.ofHours(1), "test").secret());
        }
      }
      EstClient est = EstClient.to(URI.create("https://127.0.0.1:" + serve.httpsPort()), anchors);
      killAfterAcknowledgements(serve, tokens.keySet(),
          email -> answered.put(email, enroll(est, email, tokens.get(email)).certificate().orElseThrow()));
    }

    Map<String, List<EstClient.Answer>> afterRestart = new HashMap<>();
    try (ServeProcess serve = ServeProcess.start(data)) {
      EstClient est = EstClient.to(URI.create("https://127.0.0.1:" + serve.httpsPort()), anchors);
      for (String email : tokens.keySet()) {
        for (int attempt = 0; attempt < 2; attempt++) { // an unspent token enrolls once; a spent one never again
          afterRestart.computeIfAbsent(email, e -> new ArrayList<>()).add(enroll(est, email, tokens.get(email)));
        }
      }
      List<IssuedCertificate> issued;
      try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
        issued = ca.list().stream().filter(c -> tokens.containsKey(c.email())).toList();
      }

      assertThat(answered).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
      assertThat(issued.stream().map(IssuedCertificate::serial).distinct()).hasSameSizeAs(issued);
      assertThat(issued.stream().map(IssuedCertificate::email).distinct())
          .as(() -> "one certificate per token; answered after the restart: " + afterRestart + "\nserver log:\n" + serve.log())
          .hasSameSizeAs(issued).hasSize(IN_FLIGHT);
      assertThat(issued.stream().map(IssuedCertificate::certificate)).containsAll(answered.values());
      try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", serve.ldapPort())) {
        for (IssuedCertificate c : issued) {
          assertThat(published(ldap, c.email())).as("published for " + c.email())
              .anySatisfy(der -> assertThat(der).isEqualTo(c.certificate().getEncoded()));
        }
      }
    }
  }

  @Test
  void aKillDuringSmtpSubmissionsLosesNoMessageThatWasAnswered250() throws Exception {
    Map<String, byte[]> sent = new HashMap<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      sent.put("crash-" + i + "@example.org", message("crash-" + i + "@example.org"));
    }
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    List<X509Certificate> anchors;
    try (ServeProcess serve = ServeProcess.start(data)) {
      anchors = ServeProcess.root(data);
      MailTransport smtp = MailTransport.trusting(ServerTrust.anchoredAt(anchors));
      MailServer server = MailServer.smtp("smtps://127.0.0.1:" + serve.smtpsPort());
      killAfterAcknowledgements(serve, sent.keySet(), id -> {
        try (Login alice = new Login("alice@example.org", ServeProcess.PASSWORD.toCharArray())) {
          smtp.submit(server, alice, new Envelope("alice@example.org", List.of("bob@example.org")), sent.get(id));
          accepted.add(id);
        }
      });
    }

    Map<String, List<byte[]>> delivered;
    try (ServeProcess serve = ServeProcess.start(data)) {
      delivered = serve.inbox("bob@example.org", anchors, "crash-");
    }

    assertThat(accepted).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
    assertThat(delivered.keySet()).containsAll(accepted);
    for (Map.Entry<String, List<byte[]>> d : delivered.entrySet()) {
      assertThat(d.getValue()).as("copies of " + d.getKey()).hasSize(1);
      assertThat(ServeProcess.endsWith(d.getValue().get(0), sent.get(d.getKey()))).as("whole: " + d.getKey()).isTrue();
    }
  }

  @Test
  void aKillDuringDirectoryWritesKeepsEveryAcknowledgedEntryInAWholeDirectory() throws Exception {
    List<String> people = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      people.add("written" + i + "@example.org");
    }
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try (ServeProcess serve = ServeProcess.start(data)) {
      String admin = Files.readString(data.resolve("gal-admin.secret")).strip();
      killAfterAcknowledgements(serve, people, email -> {
        try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", serve.ldapPort(), "cn=admin," + BASE, admin)) {
          ldap.add(new Entry("mail=" + email + ",ou=people," + BASE, new Attribute("objectClass", "top", "person",
              "organizationalPerson", "inetOrgPerson"), new Attribute("cn", email), new Attribute("sn", email),
              new Attribute("mail", email)));
          acknowledged.add(email);
        }
      });
    }

    try (ServeProcess serve = ServeProcess.start(data); // starting at all means gal.ldif reads back whole
        LDAPConnection ldap = new LDAPConnection("127.0.0.1", serve.ldapPort())) {
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
      for (String email : acknowledged) {
        assertThat(ldap.search(BASE, SearchScope.SUB, "(mail=" + email + ")", "mail").getEntryCount())
            .as(email).isEqualTo(1);
      }
    }
  }

  /** One unit of work a client does against the server; throwing means it was not acknowledged. */
  private interface Work {
    void run(String item) throws Exception;
  }

  /**
   * Runs {@code work} for every item on a few threads and kills the server with SIGKILL as soon as
   * {@link #ACKNOWLEDGED_BEFORE_KILL} items are acknowledged, with the rest still in flight.
   */
  private static void killAfterAcknowledgements(ServeProcess serve, Iterable<String> items, Work work)
      throws InterruptedException {
    CountDownLatch acknowledged = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
    ExecutorService clients = Executors.newFixedThreadPool(6);
    for (String item : items) {
      clients.execute(() -> {
        try {
          work.run(item);
          acknowledged.countDown();
        } catch (Exception cutOff) {
          // in flight when the server died, or refused because it was dying: not acknowledged
        }
      });
    }
    boolean enough = acknowledged.await(90, TimeUnit.SECONDS);
    serve.kill();
    clients.shutdown();
    assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
    assertThat(enough).as("acknowledged before the kill; server log:\n" + serve.log()).isTrue();
  }

  private static EstClient.Answer enroll(EstClient est, String email, String token) throws Exception {
    KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
    keys.initialize(256);
    return est.enroll(email, token, EstClient.request(keys.generateKeyPair(), email), CertificateProfile.DUAL_USE);
  }

  private static List<byte[]> published(LDAPConnection ldap, String email) throws LDAPException {
    List<byte[]> der = new ArrayList<>();
    for (SearchResultEntry e : ldap.search(BASE, SearchScope.SUB, "(mail=" + email + ")", "userCertificate;binary")
        .getSearchEntries()) {
      for (Attribute a : e.getAttributesWithOptions("userCertificate", null)) {
        der.addAll(Arrays.asList(a.getValueByteArrays()));
      }
    }
    return der;
  }

  private static byte[] message(String id) {
    return ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: in flight\r\nMessage-ID: <" + id
        + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n" + "line of the message\r\n".repeat(200))
        .getBytes(StandardCharsets.US_ASCII);
  }
}
