package dev.signet.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many messages arriving in one INBOX at once (the load test found deliveries refused with 451: the
 * archive read GreenMail's message list while other deliveries added to it).
 */
class ConcurrentDeliveryTest {
  private static final String BOB = "bob@example.org";
  private static final int MESSAGES = 200;
  private static DigitalId tls;

  @TempDir Path dir;

  @BeforeAll
  static void issueTlsCertificate(@TempDir Path caDir) {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(caDir))) {
      tls = ca.init("CN=Delivery Test CA", KeyType.EC_P384, "http://127.0.0.1:1", "delivery test CA".toCharArray(),
          "test").serviceIdentity(List.of("127.0.0.1"));
    }
  }

  @Test
  void messagesDeliveredToOneInboxAtOnceAreEachKeptAndBackAfterARestart() throws Exception {
    Path folder = dir.resolve("mail");
    MailService mail = started(folder);
    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<Future<?>> deliveries = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      byte[] message = ("From: alice@example.org\r\nTo: " + BOB + "\r\nMessage-ID: <m" + i + "@example.org>\r\n\r\nbody "
          + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
      deliveries.add(senders.submit(() -> mail.deliver(List.of(BOB), message)));
    }
    for (Future<?> d : deliveries) {
      d.get(); // a refused delivery throws here
    }
    senders.shutdown();
    mail.close();

    MailService restarted = started(folder);
    try {
      assertThat(restarted.inbox(BOB)).hasSize(MESSAGES);
    } finally {
      restarted.close();
    }
  }

  private static MailService started(Path folder) {
    MailService m = MailService.start(new MailServiceConfig(folder, "127.0.0.1", 0, 0, 0, 0), (a, p) -> false, tls);
    m.addMailbox(BOB);
    return m;
  }
}
