package dev.signet.bench;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldif.LDIFWriter;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.directory.Directory;
import dev.signet.directory.EmbeddedDirectory;
import dev.signet.directory.EmbeddedSettings;
import dev.signet.directory.LdapSettings;
import dev.signet.directory.Lookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A GAL lookup (search by address, certificates parsed and checked, the signed capabilities read)
 * in an embedded directory of 100,000 people, in-process and over LDAP on loopback.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class DirectoryBenchmark {
  static final int PEOPLE = 100_000;
  static final int WITH_OWN_ID = 64;

  /**
   * The directory, loaded from an LDIF file written in the data folder before the start (publishing
   * 100,000 entries one by one would rewrite the file 100,000 times). Every entry has a certificate and
   * a signed capabilities value; {@code WITH_OWN_ID} of them, spread through the directory, carry their
   * own address, and those are the ones looked up.
   */
  @State(Scope.Benchmark)
  public static class Gal {
    Path data;
    EmbeddedDirectory server;
    Directory overLdap;
    String[] addresses = new String[WITH_OWN_ID];
    int next;

    @Setup(Level.Trial)
    public void start() throws IOException, CertificateEncodingException {
      data = Files.createTempDirectory("signet-bench-gal");
      SecureRandom random = new SecureRandom();
      DigitalId filler = DigitalId.selfSigned("someone@example.org", "Someone", KeyType.EC_P256, Clock.systemUTC(),
          random);
      Smime smime = Smime.withDefaults();
      byte[] fillerSigned = smime.signedCertificates(SignOptions.defaults(filler), List.of());
      try (LDIFWriter ldif = new LDIFWriter(data.resolve("gal.ldif").toFile())) {
        ldif.writeEntry(new Entry("dc=example,dc=org", new Attribute("objectClass", "top", "domain"),
            new Attribute("dc", "example")));
        ldif.writeEntry(new Entry("ou=people,dc=example,dc=org", new Attribute("objectClass", "top",
            "organizationalUnit"), new Attribute("ou", "people")));
        for (int i = 0; i < PEOPLE; i++) {
          String address = "person" + i + "@example.org";
          DigitalId id = filler;
          byte[] signed = fillerSigned;
          if (i % (PEOPLE / WITH_OWN_ID) == 0 && i / (PEOPLE / WITH_OWN_ID) < WITH_OWN_ID) {
            id = DigitalId.selfSigned(address, "Person " + i, KeyType.EC_P256, Clock.systemUTC(), random);
            signed = smime.signedCertificates(SignOptions.defaults(id), List.of());
            addresses[i / (PEOPLE / WITH_OWN_ID)] = address;
          }
          ldif.writeEntry(new Entry("mail=" + address + ",ou=people,dc=example,dc=org",
              new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
              new Attribute("cn", "Person " + i), new Attribute("sn", "Person " + i), new Attribute("mail", address),
              new Attribute("userCertificate;binary", id.certificate().getEncoded()),
              new Attribute("userSMIMECertificate", signed)));
        }
      }
      server = EmbeddedDirectory.start(
          EmbeddedSettings.forDomain(data, "example.org", "bench".toCharArray()).withPort(0));
      overLdap = Directory.connect(LdapSettings.of(server.url()));
      for (String a : addresses) {
        if (!server.lookup(a, Instant.now()).found()) {
          throw new IllegalStateException("fixture is wrong: nothing found for " + a);
        }
      }
    }

    String nextAddress() {
      next = (next + 1) % addresses.length;
      return addresses[next];
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      overLdap.close();
      server.close();
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public Lookup lookupInProcess(Gal gal) throws IOException {
    return gal.server.lookup(gal.nextAddress(), Instant.now());
  }

  @Benchmark
  public Lookup lookupOverLdap(Gal gal) throws IOException {
    return gal.overLdap.lookup(gal.nextAddress(), Instant.now());
  }
}
