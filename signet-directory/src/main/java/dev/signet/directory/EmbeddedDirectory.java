package dev.signet.directory;

import com.unboundid.ldap.listener.Base64PasswordEncoderOutputFormatter;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SaltedMessageDigestInMemoryPasswordEncoder;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;

/**
 * The directory Signet runs itself: UnboundID's in-memory LDAP server on a port, its entries kept
 * in {@code gal.ldif} in the data folder (written to a temporary file and renamed after every
 * change, so a restart or a crash loses nothing that was acknowledged). Passwords are stored as
 * salted SHA-256. With TLS in its settings it offers StartTLS on the LDAP port and listens for LDAPS
 * too. As a {@link Directory} it works in-process, as the administrator.
 */
public final class EmbeddedDirectory implements Directory {
  private static final String LDAP = "ldap";
  private static final String LDAPS = "ldaps";

  private final InMemoryDirectoryServer server;
  private final EmbeddedSettings settings;
  private final LdifFile data;
  private final LdapDirectory inProcess;

  private EmbeddedDirectory(InMemoryDirectoryServer server, EmbeddedSettings settings, LdifFile data,
      LdapDirectory inProcess) {
    this.server = server;
    this.settings = settings;
    this.data = data;
    this.inProcess = inProcess;
  }

  /** Starts the server, with the entries saved in the data folder if there are any. */
  public static EmbeddedDirectory start(EmbeddedSettings settings) throws IOException {
    Files.createDirectories(settings.dataFolder());
    LdifFile data = new LdifFile(settings.dataFolder());
    InMemoryDirectoryServer server = null;
    try {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(settings.baseDn());
      config.setListenerConfigs(listeners(settings));
      config.addAdditionalBindCredentials(settings.adminDn(), new String(settings.adminPassword()));
      config.setPasswordEncoders(new SaltedMessageDigestInMemoryPasswordEncoder("{SSHA256}",
          Base64PasswordEncoderOutputFormatter.getInstance(), MessageDigest.getInstance("SHA-256"), 16, true, true));
      config.setEqualityIndexAttributes("mail");
      config.addInMemoryOperationInterceptor(new AccessRules(new DN(settings.adminDn()), settings.anonymousRead(),
          data::save));
      server = new InMemoryDirectoryServer(config);
      if (data.exists()) {
        data.load(server);
      } else {
        data.attach(server);
        server.add(new Entry(settings.baseDn(), new Attribute("objectClass", "top", "domain"),
            new Attribute("dc", new DN(settings.baseDn()).getRDN().getAttributeValues()[0])));
        server.add(new Entry("ou=people," + settings.baseDn(), new Attribute("objectClass", "top",
            "organizationalUnit"), new Attribute("ou", "people")));
        data.save();
      }
      server.startListening();
      LDAPConnection connection = server.getConnection();
      LdapDirectory.bind(connection, new LdapSettings.Bind(settings.adminDn(), settings.adminPassword()));
      return new EmbeddedDirectory(server, settings, data,
          new LdapDirectory(connection, settings.baseDn(), LdapSettings.AttributeNames.STANDARD, Optional.empty()));
    } catch (LDAPException e) {
      if (server != null) {
        server.shutDown(true);
      }
      throw LdapDirectory.failure("cannot start the directory on " + settings.listenAddress() + ":"
          + settings.port(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** LDAP, with StartTLS when the settings give TLS, and then LDAPS beside it. */
  private static List<InMemoryListenerConfig> listeners(EmbeddedSettings settings) throws LDAPException, IOException {
    InetAddress address = InetAddress.getByName(settings.listenAddress());
    if (settings.tls().isEmpty()) {
      return List.of(InMemoryListenerConfig.createLDAPConfig(LDAP, address, settings.port(), null));
    }
    SSLContext tls = settings.tls().get().context();
    return List.of(InMemoryListenerConfig.createLDAPConfig(LDAP, address, settings.port(), tls.getSocketFactory()),
        InMemoryListenerConfig.createLDAPSConfig(LDAPS, address, settings.tls().get().ldapsPort(),
            tls.getServerSocketFactory(), tls.getSocketFactory()));
  }

  /** The port it listens on (the one chosen, when the settings said 0). */
  public int port() {
    return server.getListenPort(LDAP);
  }

  /** The LDAPS port, when the settings give TLS. */
  public OptionalInt ldapsPort() {
    return settings.tls().isPresent() ? OptionalInt.of(server.getListenPort(LDAPS)) : OptionalInt.empty();
  }

  public String baseDn() {
    return settings.baseDn();
  }

  public String adminDn() {
    return settings.adminDn();
  }

  /** {@code ldap://address:port/baseDn}, for clients. */
  public URI url() {
    return URI.create("ldap://" + settings.listenAddress() + ":" + port() + "/" + settings.baseDn());
  }

  /** {@code ldaps://address:port/baseDn}, when the settings give TLS. */
  public Optional<URI> ldapsUrl() {
    return ldapsPort().stream().mapToObj(p -> URI.create("ldaps://" + settings.listenAddress() + ":" + p + "/"
        + settings.baseDn())).findFirst();
  }

  /** Creates a person's entry, whose owner may then bind with {@code password} and publish; returns its DN. */
  public String addPerson(String address, String name, char[] password) throws DirectoryException {
    try {
      DN dn = new DN(new RDN("mail", address), new DN("ou=people," + settings.baseDn()));
      server.add(new Entry(dn, new Attribute("objectClass", LdapDirectory.PERSON), new Attribute("cn", name),
          new Attribute("sn", name), new Attribute("mail", address), new Attribute("userPassword", new String(password))));
      data.save();
      return dn.toString();
    } catch (LDAPException e) {
      throw LdapDirectory.failure("cannot add " + address, e);
    }
  }

  @Override
  public List<Listing> find(String address) throws IOException {
    return inProcess.find(address);
  }

  @Override
  public List<String> addressesStartingWith(String typed, int max) throws IOException {
    return inProcess.addressesStartingWith(typed, max);
  }

  @Override
  public void publish(Publication publication) throws IOException {
    inProcess.publish(publication);
  }

  /** Stops listening; the entries are already on disk. */
  @Override
  public void close() {
    inProcess.close();
    server.shutDown(true);
  }
}
