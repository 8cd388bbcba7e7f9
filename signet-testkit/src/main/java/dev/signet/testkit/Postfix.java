package dev.signet.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Debian's Postfix beside a {@link Dovecot} fixture, with a throwaway configuration and queue in a
 * folder: submission on a loopback port with STARTTLS required before AUTH, SASL passwords checked
 * by Dovecot ({@code smtpd_sasl_type = dovecot}), relaying only for those who authenticated, and
 * Postfix's virtual delivery agent writing into the Maildirs that Dovecot serves. Its master runs in
 * the foreground (-d), so closing ends exactly the process it started, and its daemons with it.
 *
 * <p>Postfix runs only as root: {@code postfix} and {@code master} refuse anyone else ("the master
 * command is reserved for the superuser"); its daemons then run as the {@code postfix} user.
 */
public final class Postfix implements AutoCloseable {
  private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
  private static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path dir;
  private final int submissionPort;

  private Postfix(Process process, Path dir, int submissionPort) {
    this.process = process;
    this.dir = dir;
    this.submissionPort = submissionPort;
  }

  /** Skips (or fails under CI) when Postfix is not installed or this is not root, the only user it runs as. */
  public static void require() {
    ExternalTool.requirePresent(Files.isExecutable(POSTFIX) && Files.isExecutable(MASTER),
        "Postfix is not installed");
    ExternalTool.requirePresent("root".equals(System.getProperty("user.name")),
        "Postfix runs only as root (its master command is reserved for the superuser)");
  }

  /** Starts Postfix in {@code dir}, delivering to {@code dovecot}'s users and asking it for passwords. */
  public static Postfix start(Path dir, Dovecot dovecot) {
    require();
    try {
      Path conf = Files.createDirectories(dir.resolve("conf"));
      Files.createDirectories(dir.resolve("queue"));
      Path data = Files.createDirectories(dir.resolve("data"));
      Files.setOwner(data, data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix"));
      Files.writeString(dir.resolve("mailboxes"), dovecot.addresses().stream()
          .map(address -> address + " " + address + "/Maildir/\n").collect(Collectors.joining()));
      int port = LoopbackPorts.free();
      Files.writeString(conf.resolve("main.cf"), mainCf(dir, dovecot));
      Files.writeString(conf.resolve("master.cf"), masterCf(port));
      ProcessRunner.Result check = ProcessRunner.run(dir, Map.of(), new byte[0],
          List.of(POSTFIX.toString(), "-c", conf.toString(), "check"));
      if (check.exitCode() != 0) {
        throw new IllegalStateException("postfix check failed: " + check.stderr() + ProcessRunner.logText(logs(dir)));
      }
      Process p = new ProcessBuilder(MASTER.toString(), "-c", conf.toString(), "-d").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("master.out").toFile())).start();
      Postfix postfix = new Postfix(p, dir, port);
      LoopbackPorts.awaitListening(postfix.process, port, START_TIMEOUT, "postfix", logs(dir));
      return postfix;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String mainCf(Path dir, Dovecot dovecot) {
    Dovecot.MailOwner owner = dovecot.mailOwner();
    return String.join("\n",
        "compatibility_level = 3.6",
        "queue_directory = " + dir.resolve("queue"),
        "data_directory = " + dir.resolve("data"),
        "meta_directory = /etc/postfix",
        "mail_owner = postfix",
        "setgid_group = postdrop",
        "myhostname = mail.example.org",
        "mydestination =",
        "inet_interfaces = 127.0.0.1",
        "inet_protocols = ipv4",
        "alias_maps =",
        "alias_database =",
        "local_transport = error:no local delivery here",
        "virtual_mailbox_domains = example.org",
        "virtual_mailbox_base = " + owner.homes(),
        "virtual_mailbox_maps = texthash:" + dir.resolve("mailboxes"),
        "virtual_uid_maps = static:" + owner.uid(),
        "virtual_gid_maps = static:" + owner.gid(),
        "smtpd_sasl_type = dovecot",
        "smtpd_sasl_path = inet:127.0.0.1:" + dovecot.ports().sasl(),
        "smtpd_sasl_auth_enable = yes",
        "smtpd_tls_cert_file = " + dovecot.certificate(),
        "smtpd_tls_key_file = " + dovecot.privateKey(),
        "smtpd_tls_security_level = encrypt",
        "smtpd_tls_auth_only = yes",
        "smtpd_relay_restrictions = permit_sasl_authenticated, reject",
        "maillog_file_prefixes = " + dir,
        "maillog_file = " + dir.resolve("postfix.log"),
        "");
  }

  /** The submission port and the daemons it needs, none chrooted. */
  private static String masterCf(int port) {
    return String.join("\n",
        "127.0.0.1:" + port + " inet n - n - - smtpd",
        "pickup unix n - n 60 1 pickup",
        "cleanup unix n - n - 0 cleanup",
        "qmgr unix n - n 300 1 qmgr",
        "tlsmgr unix - - n 1000? 1 tlsmgr",
        "rewrite unix - - n - - trivial-rewrite",
        "bounce unix - - n - 0 bounce",
        "defer unix - - n - 0 bounce",
        "trace unix - - n - 0 bounce",
        "verify unix - - n - 1 verify",
        "proxymap unix - - n - - proxymap",
        "smtp unix - - n - - smtp",
        "error unix - - n - - error",
        "retry unix - - n - - error",
        "discard unix - - n - - discard",
        "virtual unix - n n - - virtual",
        "anvil unix - - n - 1 anvil",
        "scache unix - - n - 1 scache",
        "postlog unix-dgram n - n - 1 postlogd",
        "");
  }

  /** SMTP submission with STARTTLS, AUTH after it. */
  public int submissionPort() {
    return submissionPort;
  }

  /** What Postfix logged, for a failing test's message. */
  public String log() {
    return ProcessRunner.logText(logs(dir));
  }

  private static List<Path> logs(Path dir) {
    return List.of(dir.resolve("master.out"), dir.resolve("postfix.log"));
  }

  /** Ends the master this fixture started (it stops its daemons), and waits for it. */
  @Override
  public void close() {
    ProcessRunner.stop(process);
  }
}
