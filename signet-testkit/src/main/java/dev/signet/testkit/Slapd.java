package dev.signet.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's OpenLDAP server on a loopback port with a throwaway configuration: the core, cosine and
 * inetorgperson schemas (userCertificate, userSMIMECertificate), an mdb database for the suffix
 * holding the suffix entry and {@code ou=people}, an administrator as rootdn, and the usual
 * access rules (passwords for binding only; a person may write their own entry; everyone may read).
 * Runs in the foreground (-d 0) so that closing ends exactly the process it started.
 */
public final class Slapd implements AutoCloseable {
  private static final Path SBIN = Path.of("/usr/sbin");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path dir;
  private final int port;
  private final String suffix;

  private Slapd(Process process, Path dir, int port, String suffix) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.suffix = suffix;
  }

  /** Skips (or fails under CI) when slapd is not installed. */
  public static void require() {
    ExternalTool.requirePresent(Files.isExecutable(SBIN.resolve("slapd")), "OpenLDAP's slapd is not installed");
  }

  /** Starts a server for {@code dc=example,dc=org}-style {@code suffix} in {@code dir}. */
  public static Slapd start(Path dir, String suffix, String adminPassword) {
    require();
    try {
      Files.createDirectories(dir.resolve("db"));
      Path conf = Files.writeString(dir.resolve("slapd.conf"), config(dir, suffix, adminPassword));
      Path base = Files.writeString(dir.resolve("base.ldif"), baseEntries(suffix));
      ProcessRunner.runChecked(dir, List.of(SBIN.resolve("slapadd").toString(), "-f", conf.toString(), "-l", base.toString()));
      ProcessRunner.runChecked(dir, List.of(SBIN.resolve("slaptest").toString(), "-f", conf.toString(), "-u"));
      return launch(dir, LoopbackPorts.free(), suffix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Slapd launch(Path dir, int port, String suffix) throws IOException {
    Process p = new ProcessBuilder(SBIN.resolve("slapd").toString(), "-d", "0", "-f",
        dir.resolve("slapd.conf").toString(), "-h", "ldap://127.0.0.1:" + port + "/").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("slapd.log").toFile())).start();
    Slapd slapd = new Slapd(p, dir, port, suffix);
    LoopbackPorts.awaitListening(slapd.process, port, START_TIMEOUT, "slapd", List.of(dir.resolve("slapd.log")));
    return slapd;
  }

  /** Stops this server and starts it again on the same port and data, as an administrator's restart does. */
  public Slapd restart() {
    close();
    try {
      return launch(dir, port, suffix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI url() {
    return URI.create("ldap://127.0.0.1:" + port + "/" + suffix);
  }

  public int port() {
    return port;
  }

  public String adminDn() {
    return "cn=admin," + suffix;
  }

  private static String config(Path dir, String suffix, String adminPassword) {
    return String.join("\n",
        "include /etc/ldap/schema/core.schema",
        "include /etc/ldap/schema/cosine.schema",
        "include /etc/ldap/schema/nis.schema",
        "include /etc/ldap/schema/inetorgperson.schema",
        "pidfile " + dir.resolve("slapd.pid"),
        "argsfile " + dir.resolve("slapd.args"),
        "modulepath /usr/lib/ldap",
        "moduleload back_mdb",
        "database mdb",
        "maxsize 104857600",
        "suffix \"" + suffix + "\"",
        "rootdn \"cn=admin," + suffix + "\"",
        "rootpw \"" + adminPassword + "\"",
        "directory " + dir.resolve("db"),
        "index objectClass eq",
        "index mail eq,sub",
        "access to attrs=userPassword by self write by anonymous auth by * none",
        "access to * by self write by * read",
        "");
  }

  private static String baseEntries(String suffix) {
    String dc = suffix.substring(3, suffix.indexOf(','));
    return "dn: " + suffix + "\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\n"
        + "dc: " + dc + "\no: " + dc + "\n\n"
        + "dn: ou=people," + suffix + "\nobjectClass: top\nobjectClass: organizationalUnit\nou: people\n";
  }

  /** Ends the slapd process this fixture started, and waits for it. */
  @Override
  public void close() {
    ProcessRunner.stop(process);
  }
}
