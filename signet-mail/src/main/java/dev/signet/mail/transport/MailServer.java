package dev.signet.mail.transport;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where to send or fetch mail, from a URL: {@code smtp://host[:port]} (STARTTLS, port 587 unless
 * given), {@code smtps://host[:port]} (TLS from the first byte, 465), {@code imap://host[:port][/FOLDER]}
 * (STARTTLS, 143) and {@code imaps://host[:port][/FOLDER]} (993). The folder defaults to INBOX. A URL
 * never carries a password.
 */
public record MailServer(Protocol protocol, String host, int port, String folder) {

  /** The four ways Signet speaks to a mail server. */
  public enum Protocol {
    SMTP("smtp", 587, false, true),
    SMTPS("smtps", 465, true, true),
    IMAP("imap", 143, false, false),
    IMAPS("imaps", 993, true, false);

    private final String scheme;
    private final int defaultPort;
    private final boolean implicitTls;
    private final boolean submission;

    Protocol(String scheme, int defaultPort, boolean implicitTls, boolean submission) {
      this.scheme = scheme;
      this.defaultPort = defaultPort;
      this.implicitTls = implicitTls;
      this.submission = submission;
    }

    public String scheme() {
      return scheme;
    }

    /** TLS from the first byte (smtps, imaps) rather than STARTTLS. */
    public boolean implicitTls() {
      return implicitTls;
    }

    /** SMTP submission rather than IMAP retrieval. */
    public boolean submission() {
      return submission;
    }
  }

  public MailServer {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(folder, "folder");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
  }

  /** An SMTP server (smtp:// or smtps://) from its URL. */
  public static MailServer smtp(String url) throws TransportException {
    MailServer s = parse(url);
    if (!s.protocol.submission()) {
      throw bad(url, "an SMTP URL (smtp:// or smtps://) is needed");
    }
    if (!s.folder.equals("INBOX")) {
      throw bad(url, "an SMTP URL has no path");
    }
    return s;
  }

  /** An IMAP server (imap:// or imaps://) and folder from its URL. */
  public static MailServer imap(String url) throws TransportException {
    MailServer s = parse(url);
    if (s.protocol.submission()) {
      throw bad(url, "an IMAP URL (imap:// or imaps://) is needed");
    }
    return s;
  }

  private static MailServer parse(String url) throws TransportException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw bad(url, e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Protocol protocol = null;
    for (Protocol p : Protocol.values()) {
      if (p.scheme.equals(scheme)) {
        protocol = p;
      }
    }
    if (protocol == null) {
      throw bad(url, "the scheme must be smtp, smtps, imap or imaps");
    }
    if (uri.getHost() == null) {
      throw bad(url, "no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw bad(url, "no user name or password in the URL; give --user and the password apart");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw bad(url, "no query or fragment");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    return new MailServer(protocol, host, uri.getPort() < 0 ? protocol.defaultPort : uri.getPort(),
        path.isEmpty() ? "INBOX" : path);
  }

  private static TransportException bad(String url, String why) {
    // A password typed into the URL is not repeated in the message.
    String shown = url.replaceFirst("//[^/?#]*@", "//");
    return new TransportException(TransportException.Reason.BAD_URL, "not a mail server URL: " + shown + " (" + why + ")");
  }

  /** Whether the host is this machine's loopback interface, where a password in clear never leaves the machine. */
  public boolean loopback() {
    return loopback(host);
  }

  /**
   * Whether {@code host} (a name, an address, or an IPv6 address in brackets) is localhost or a loopback
   * address. A name is not looked up: what it resolves to may change.
   */
  public static boolean loopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return h.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return protocol.scheme + "://" + h + ":" + port + (protocol.submission() ? "" : "/" + folder);
  }
}
