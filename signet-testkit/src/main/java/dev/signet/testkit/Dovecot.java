package dev.signet.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's Dovecot IMAP server on loopback ports with a throwaway configuration in a folder: IMAP
 * with STARTTLS and IMAPS under a self-signed certificate for 127.0.0.1 (TLS required before a
 * password), users and their passwords in a passwd-file, Maildir mailboxes under the folder, and a
 * SASL authentication port for an SMTP server (Postfix's {@code smtpd_sasl_type = dovecot}). It
 * runs in the foreground (-F), so closing ends exactly the process it started. Run by an ordinary
 * user, every Dovecot process is that user (rootless: no chroot); run by root, the mailboxes belong to
 * nobody (group nogroup), because Dovecot refuses to open a mailbox as root, and the temporary
 * folders above them let others pass through.
 */
public final class Dovecot implements AutoCloseable {
  private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
  private static final Path DELIVERY_AGENT = Path.of("/usr/lib/dovecot/dovecot-lda");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Set<PosixFilePermission> OTHERS_MAY_PASS =
      EnumSet.of(PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.GROUP_EXECUTE);

  /** The ports it listens on, all on 127.0.0.1. */
  public record Ports(int imapStarttls, int imaps, int sasl) {}

  /** IMAP with no TLS at all (no STARTTLS offered, passwords taken in clear) at an address off loopback. */
  public record ClearImap(InetAddress address, int port) {
    /** The listener, and the settings for connections to its address. */
    private String settings() {
      return "  inet_listener clear {\n    address = " + address.getHostAddress() + "\n    port = " + port
          + "\n  }\n}\nlocal " + address.getHostAddress() + " {\n  ssl = no\n  disable_plaintext_auth = no\n";
    }
  }

  private final Process process;
  private final Path dir;
  private final Ports ports;
  private final MailOwner mailOwner;
  private final List<String> addresses;
  private final Optional<ClearImap> clearImap;

  private Dovecot(Process process, Path dir, Ports ports, MailOwner mailOwner, List<String> addresses,
      Optional<ClearImap> clearImap) {
    this.process = process;
    this.dir = dir;
    this.ports = ports;
    this.mailOwner = mailOwner;
    this.addresses = List.copyOf(addresses);
    this.clearImap = clearImap;
  }

  /** Skips (or fails under CI) when Dovecot's IMAP server is not installed. */
  public static void require() {
    ExternalTool.requirePresent(Files.isExecutable(DOVECOT) && Files.isExecutable(Path.of("/usr/lib/dovecot/imap")),
        "Dovecot (dovecot-core, dovecot-imapd) is not installed");
    ExternalTool.OPENSSL.require();
  }

  /** Starts a server in {@code dir} whose users are the keys of {@code passwords} (addresses). */
  public static Dovecot start(Path dir, Map<String, String> passwords) {
    return start(dir, passwords, Optional.empty());
  }

  /**
   * As {@link #start(Path, Map)}, and also {@link ClearImap} at {@code address} (off loopback, such as
   * {@link LanAddress#find()}): a server that a client must not send a password to.
   */
  public static Dovecot startWithClearImap(Path dir, Map<String, String> passwords, InetAddress address) {
    return start(dir, passwords, Optional.of(new ClearImap(address, LoopbackPorts.free())));
  }

  private static Dovecot start(Path dir, Map<String, String> passwords, Optional<ClearImap> clearImap) {
    require();
    try {
      Files.createDirectories(dir.resolve("run"));
      Files.createDirectories(dir.resolve("state"));
      selfSignedCertificate(dir);
      MailOwner owner = MailOwner.of(dir);
      Files.writeString(dir.resolve("users"), passwords.entrySet().stream()
          .map(e -> passwdLine(e.getKey(), e.getValue(), owner, owner.home(e.getKey())))
          .collect(Collectors.joining()));
      Ports ports = new Ports(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free());
      Path conf = Files.writeString(dir.resolve("dovecot.conf"), config(dir, ports, owner, clearImap));
      Process p = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", conf.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dovecot.out").toFile())).start();
      Dovecot dovecot = new Dovecot(p, dir, ports, owner, List.copyOf(passwords.keySet()), clearImap);
      LoopbackPorts.awaitListening(dovecot.process, ports.imaps(), START_TIMEOUT, "dovecot", dovecot.logs());
      return dovecot;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where the mailboxes are ({@code homes}/ADDRESS/Maildir) and who owns them: the user running the
   * test ({@code rootless}: every Dovecot process runs as them), or nobody when that is root.
   */
  public record MailOwner(int uid, int gid, Path homes, String user, String group, boolean rootless) {
    static MailOwner of(Path dir) throws IOException {
      Path homes = Files.createDirectories(dir.resolve("home"));
      int uid = (Integer) Files.getAttribute(homes, "unix:uid");
      if (uid != 0) {
        PosixFileAttributes mine = Files.readAttributes(homes, PosixFileAttributes.class);
        return new MailOwner(uid, (Integer) Files.getAttribute(homes, "unix:gid"), homes, mine.owner().getName(),
            mine.group().getName(), true);
      }
      UserPrincipalLookupService names = homes.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(homes, names.lookupPrincipalByName("nobody"));
      Files.getFileAttributeView(homes, PosixFileAttributeView.class)
          .setGroup(names.lookupPrincipalByGroupName("nogroup"));
      for (Path folder = homes.getParent(); folder != null && isRoots(folder); folder = folder.getParent()) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
        permissions.addAll(OTHERS_MAY_PASS);
        Files.setPosixFilePermissions(folder, permissions);
      }
      return new MailOwner((Integer) Files.getAttribute(homes, "unix:uid"),
          (Integer) Files.getAttribute(homes, "unix:gid"), homes, "nobody", "nogroup", false);
    }

    /** Root's own temporary folders on the way down, which nobody must be able to pass through (not list). */
    private static boolean isRoots(Path folder) throws IOException {
      Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
      Path absolute = folder.toAbsolutePath();
      return absolute.startsWith(temporary) && !absolute.equals(temporary)
          && (Integer) Files.getAttribute(folder, "unix:uid") == 0;
    }

    public Path home(String address) {
      return homes.resolve(address);
    }

    /** Without root, Dovecot's own processes run as this user too, and chroot nowhere. */
    private String rootlessSettings() {
      return rootless ? "default_internal_user = " + user + "\ndefault_internal_group = " + group
          + "\ndefault_login_user = " + user + "\nservice anvil {\n  chroot =\n}\n" : "";
    }

    private String loginChroot() {
      return rootless ? "  chroot =\n" : "";
    }
  }

  private static String passwdLine(String address, String password, MailOwner owner, Path home) {
    if (address.contains(":") || password.contains(":") || password.contains("\n")) {
      throw new IllegalArgumentException("a passwd-file field cannot hold ':' or a line break");
    }
    return address + ":{PLAIN}" + password + ":" + owner.uid() + ":" + owner.gid() + "::" + home + "\n";
  }

  private static String config(Path dir, Ports ports, MailOwner owner, Optional<ClearImap> clearImap) {
    return String.join("\n",
        "base_dir = " + dir.resolve("run"),
        "state_dir = " + dir.resolve("state"),
        "log_path = " + dir.resolve("dovecot.log"),
        "instance_name = signet-test-" + ports.imaps(),
        "protocols = imap",
        "listen = 127.0.0.1" + clearImap.map(c -> ", " + c.address().getHostAddress()).orElse(""),
        "ssl = required",
        "ssl_cert = <" + dir.resolve("server.pem"),
        "ssl_key = <" + dir.resolve("server.key"),
        "auth_mechanisms = plain login",
        "first_valid_uid = " + owner.uid(),
        "passdb {",
        "  driver = passwd-file",
        "  args = scheme=PLAIN username_format=%u " + dir.resolve("users"),
        "}",
        "userdb {",
        "  driver = passwd-file",
        "  args = username_format=%u " + dir.resolve("users"),
        "}",
        "mail_location = maildir:~/Maildir",
        owner.rootlessSettings() + "service imap-login {",
        owner.loginChroot() + "  inet_listener imap {",
        "    address = 127.0.0.1",
        "    port = " + ports.imapStarttls(),
        "  }",
        "  inet_listener imaps {",
        "    address = 127.0.0.1",
        "    port = " + ports.imaps(),
        "    ssl = yes",
        "  }",
        clearImap.map(ClearImap::settings).orElse("") + "}",
        "service auth {",
        "  inet_listener sasl {",
        "    address = 127.0.0.1",
        "    port = " + ports.sasl(),
        "  }",
        "}",
        "");
  }

  private static void selfSignedCertificate(Path dir) {
    ProcessRunner.runChecked(dir, List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", dir.resolve("server.key").toString(), "-out", dir.resolve("server.pem").toString(), "-days", "2",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
  }

  /** The certificate of its TLS ports: what a client trusts. */
  public Path certificate() {
    return dir.resolve("server.pem");
  }

  /** The private key of {@link #certificate()}, for a mail server beside it (Postfix) to use too. */
  public Path privateKey() {
    return dir.resolve("server.key");
  }

  public MailOwner mailOwner() {
    return mailOwner;
  }

  /** Its users' addresses. */
  public List<String> addresses() {
    return addresses;
  }

  public Ports ports() {
    return ports;
  }

  /** Where it serves IMAP with no TLS, if it was started to. */
  public Optional<ClearImap> clearImap() {
    return clearImap;
  }

  /** Delivers {@code message} to {@code address}'s INBOX with Dovecot's own delivery agent, as a mail server would. */
  public void deliver(String address, byte[] message) throws IOException {
    ProcessRunner.Result r = ProcessRunner.run(dir, Map.of(), message, List.of(DELIVERY_AGENT.toString(), "-c",
        dir.resolve("dovecot.conf").toString(), "-d", address));
    if (r.exitCode() != 0) {
      throw new IllegalStateException("dovecot-lda failed (" + r.exitCode() + "): " + r.stderr() + log());
    }
  }

  /** The first line of its log that {@code line} finds, once there is one: Dovecot's log process writes a moment later. */
  public String awaitLogged(Pattern line) throws IOException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      String log = log();
      Matcher m = line.matcher(log);
      if (m.find()) {
        return m.group();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Dovecot logged nothing like " + line + " within " + START_TIMEOUT + ":\n" + log);
      }
      ProcessRunner.pause(100, "dovecot's log");
    }
  }

  /** What Dovecot logged, for a failing test's message. */
  public String log() {
    return ProcessRunner.logText(logs());
  }

  private List<Path> logs() {
    return List.of(dir.resolve("dovecot.out"), dir.resolve("dovecot.log"));
  }

  /** Ends the Dovecot master this fixture started (it ends its children), and waits for it. */
  @Override
  public void close() {
    ProcessRunner.stop(process);
  }
}
