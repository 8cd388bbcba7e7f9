package dev.signet.server.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plaintext start of an SMTP or IMAP session, up to STARTTLS (RFC 3207, RFC 3501 6.2.1): the
 * server's greeting and capabilities pass through with STARTTLS added. From another machine AUTH is
 * taken out and anything that could carry a password is refused until TLS is on; on loopback the
 * client may also go on in plaintext, and its first other command ends this part. GreenMail behind it
 * sees nothing before STARTTLS beyond EHLO/CAPABILITY, so it needs no STARTTLS of its own.
 * Lines are read byte by byte, so nothing a client sends after STARTTLS can be taken as plaintext.
 */
final class StartTls {
  /** The protocol spoken. */
  enum Dialect {
    SMTP,
    IMAP
  }

  /** How the plaintext part ended. */
  enum Outcome {
    TLS,
    PLAINTEXT,
    LEFT
  }

  private static final int MAX_LINE = 4096;
  private static final int MAX_COMMANDS = 32;

  private StartTls() {}

  /**
   * Runs the session until the client asks for TLS, leaves, or (only if {@code plaintextAllowed})
   * sends another command, which is passed on: the rest of the session then goes through unchanged.
   */
  static Outcome negotiate(Dialect dialect, Socket client, Socket server, boolean plaintextAllowed) throws IOException {
    InputStream fromClient = client.getInputStream();
    OutputStream toClient = client.getOutputStream();
    InputStream fromServer = server.getInputStream();
    OutputStream toServer = server.getOutputStream();
    relayReply(dialect, "", fromServer, toClient, line -> line, true);
    for (int i = 0; i < MAX_COMMANDS; i++) {
      Optional<String> read = readLine(fromClient);
      if (read.isEmpty()) {
        return Outcome.LEFT;
      }
      String line = read.get();
      Command c = Command.of(dialect, line);
      switch (c.verb()) {
        case "STARTTLS" -> {
          write(toClient, dialect == Dialect.SMTP ? "220 2.0.0 Ready to start TLS" : c.tag() + " OK Begin TLS negotiation now");
          return Outcome.TLS;
        }
        case "EHLO", "HELO", "CAPABILITY", "NOOP", "RSET" -> {
          write(toServer, line);
          relayReply(dialect, c.tag(), fromServer, toClient, l -> offerTls(l, plaintextAllowed), plaintextAllowed);
        }
        case "QUIT", "LOGOUT" -> {
          write(toServer, line);
          relayReply(dialect, c.tag(), fromServer, toClient, l -> l, true);
          return Outcome.LEFT;
        }
        default -> {
          if (plaintextAllowed) {
            write(toServer, line);
            return Outcome.PLAINTEXT;
          }
          write(toClient, dialect == Dialect.SMTP ? "530 5.7.0 Must issue a STARTTLS command first"
              : c.tag() + " NO [PRIVACYREQUIRED] Use STARTTLS first");
        }
      }
    }
    return Outcome.LEFT;
  }

  private record Command(String tag, String verb) {
    static Command of(Dialect dialect, String line) {
      String[] words = line.trim().split(" +");
      if (dialect == Dialect.SMTP) {
        return new Command("", words[0].toUpperCase(Locale.ROOT));
      }
      return new Command(words[0], words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "");
    }
  }

  /**
   * IMAP: the capabilities say STARTTLS, and unless logins may go in plaintext, no AUTH= and
   * LOGINDISABLED.
   */
  private static String offerTls(String line, boolean plaintextAllowed) {
    if (!line.startsWith("* CAPABILITY ")) {
      return line;
    }
    if (plaintextAllowed) {
      return line + " STARTTLS";
    }
    return String.join(" ", List.of(line.split(" ")).stream().filter(w -> !w.toUpperCase(Locale.ROOT)
        .startsWith("AUTH=")).toList()) + " STARTTLS LOGINDISABLED";
  }

  private static void relayReply(Dialect dialect, String tag, InputStream from, OutputStream to,
      java.util.function.UnaryOperator<String> edit, boolean keepAuth) throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = readLine(from).orElseThrow(() -> new IOException("the mail server closed the connection"));
      lines.add(line);
      boolean last = dialect == Dialect.SMTP ? line.length() < 4 || line.charAt(3) != '-'
          : tag.isEmpty() || line.startsWith(tag + " ");
      if (last) {
        break;
      }
    }
    if (dialect == Dialect.SMTP && lines.size() > 1) {
      smtpExtensions(lines, keepAuth);
    }
    for (String line : lines) {
      write(to, edit.apply(line));
    }
  }

  /** An EHLO reply: AUTH lines out (unless kept), STARTTLS in, and the continuation marks right again. */
  private static void smtpExtensions(List<String> lines, boolean keepAuth) {
    String code = lines.get(0).substring(0, 3);
    if (!keepAuth) {
      lines.removeIf(l -> l.length() > 4 && l.substring(4).toUpperCase(Locale.ROOT).startsWith("AUTH"));
    }
    lines.add("STARTTLS");
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).startsWith(code) && lines.get(i).length() >= 4 ? lines.get(i).substring(4) : lines.get(i);
      lines.set(i, code + (i == lines.size() - 1 ? " " : "-") + text);
    }
  }

  private static Optional<String> readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.US_ASCII);
        return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("line too long before STARTTLS");
      }
      line.write(b);
    }
    return Optional.empty();
  }

  private static void write(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
