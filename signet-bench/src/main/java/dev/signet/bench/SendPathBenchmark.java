package dev.signet.bench;

import dev.signet.core.EmailAddress;
import dev.signet.directory.Directory;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The whole send path for a 4 KiB message, as `signet send` runs it in a mail program that keeps its
 * connections: directory lookup over LDAP, the policy's plan, sign, encrypt, SMTP submission (SMTPS,
 * logged in) to the service's embedded mail server on loopback, which keeps the message on disk
 * before it answers 250. Client and server share the machine's cores. Messages per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Threads(4)
public class SendPathBenchmark {
  static final int PEOPLE = 8;

  /** The service, with {@link #PEOPLE} people whose keys are {@code key}. */
  @State(Scope.Benchmark)
  public static class Service {
    @Param({"ec-p256", "rsa2048"})
    String key;

    @Param({"4096"})
    int size;

    LoadOrganisation org;
    final AtomicInteger senders = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() throws IOException {
      Path data = Files.createTempDirectory("signet-send-bench");
      org = LoadOrganisation.start(data, PEOPLE, key);
    }

    @TearDown(Level.Trial)
    public void stop() {
      org.close();
    }
  }

  /** One sender per thread, with its directory and SMTP connections open. */
  @State(Scope.Thread)
  public static class Sender {
    LoadOrganisation.Person me;
    String to;
    Login login;
    Directory gal;
    MailTransport.Connection smtp;
    SendPath path;
    int sent;

    @Setup(Level.Trial)
    public void connect(Service service) throws IOException {
      int n = service.senders.getAndIncrement() % PEOPLE;
      me = service.org.people().get(n);
      to = service.org.people().get((n + 1) % PEOPLE).email();
      login = new Login(me.email(), LoadOrganisation.PASSWORD.toCharArray());
      gal = service.org.directory();
      smtp = MailTransport.trusting(service.org.trust()).connect(service.org.smtp(), login, me.email());
      path = new SendPath(service.size);
    }

    @TearDown(Level.Trial)
    public void disconnect() throws IOException {
      smtp.close();
      gal.close();
      login.close();
    }
  }

  @Benchmark
  public void send(Sender s) throws IOException {
    String id = "bench-" + EmailAddress.parse(s.me.email()).orElseThrow().localPart() + "-" + s.sent++ + "@example.org";
    s.path.send(s.me, s.to, id, s.gal, s.smtp);
  }
}
