package dev.signet.server.mail;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.auth.UsernameAuthentication;
import com.icegreen.greenmail.smtp.commands.AuthCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * SMTP submission for the organisation: GreenMail's SMTP server, but MAIL FROM needs a successful
 * AUTH and must be the address logged in, and RCPT TO must be one of the organisation's mailboxes
 * (GreenMail itself takes mail without AUTH and makes a mailbox for any address). The greeting and
 * HELO/EHLO name the service's host (GreenMail's name its socket address and GreenMail).
 */
final class Submission extends SmtpServer {
  private final OrganisationMailboxes mailboxes;
  private final Clock clock;
  private final String hostName;

  Submission(ServerSetup setup, OrganisationMailboxes mailboxes, Clock clock, String hostName) {
    super(setup, mailboxes);
    this.mailboxes = mailboxes;
    this.clock = clock;
    this.hostName = hostName;
  }

  @Override
  protected ProtocolHandler createProtocolHandler(Socket socket) {
    Imap.noDelay(socket);
    return new Handler(mailboxes, clock, hostName, socket);
  }

  /** One connection; its rules see whether this connection has logged in. */
  private static final class Handler extends SmtpHandler {
    private final String hostName;

    Handler(OrganisationMailboxes mailboxes, Clock clock, String hostName, Socket socket) {
      super(new Commands(clock, hostName), mailboxes.getSmtpManager(), socket);
      this.manager = new Rules(mailboxes, () -> conn); // run() makes the connection
      this.hostName = hostName;
    }

    @Override
    protected void sendGreetings() {
      conn.send("220 " + hostName + " ESMTP ready");
    }
  }

  private static final class Rules extends SmtpManager {
    private final OrganisationMailboxes mailboxes;
    private final Supplier<SmtpConnection> connection;
    private String loggedIn;

    Rules(OrganisationMailboxes mailboxes, Supplier<SmtpConnection> connection) {
      super(mailboxes.getImapHostManager(), mailboxes.getUserManager());
      this.mailboxes = mailboxes;
      this.connection = connection;
    }

    @Override
    public String checkSender(SmtpState state, MailAddress sender) {
      if (!connection.get().isAuthenticated()) {
        return "530 5.7.0 Authentication required";
      }
      // GreenMail sets the state before it checks the password, so it counts only once authenticated;
      // AUTH succeeds once per connection, and RSET or HELO clear the state, hence it is kept here.
      if (loggedIn == null && state.getMessage().getAuthenticationState() instanceof UsernameAuthentication login) {
        loggedIn = login.getUsername();
      }
      if (loggedIn == null || !loggedIn.equalsIgnoreCase(sender.getEmail())) {
        return "553 5.7.1 Sender address is not the one logged in";
      }
      return null;
    }

    @Override
    public String checkRecipient(SmtpState state, MailAddress recipient) {
      String address = recipient.getEmail().toLowerCase(Locale.ROOT);
      if (!mailboxes.has(address)) {
        return "550 5.1.1 No such mailbox here: " + recipient.getEmail();
      }
      // Until its kept mail is back and what arrives is kept too, a 250 could not be kept: try again later.
      return mailboxes.ready(address) ? null : "451 4.3.2 Mailbox not ready yet, try again later";
    }
  }

  /** GreenMail's commands, with DATA replaced by {@link ExactData}, HELO and EHLO by {@link Hello}. */
  private static final class Commands extends SmtpCommandRegistry {
    private final ExactData data;
    private final Hello hello;

    Commands(Clock clock, String hostName) {
      this.data = new ExactData(clock);
      this.hello = new Hello(hostName);
    }

    @Override
    public SmtpCommand getCommand(String name) {
      if ("DATA".equalsIgnoreCase(name)) {
        return data;
      }
      return "HELO".equalsIgnoreCase(name) || "EHLO".equalsIgnoreCase(name) ? hello : super.getCommand(name);
    }
  }

  /** HELO (one line) and EHLO (with the AUTH mechanisms), as GreenMail's but naming the host. */
  private static final class Hello extends SmtpCommand {
    private final String hostName;

    Hello(String hostName) {
      this.hostName = hostName;
    }

    @Override
    public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
      conn.setHeloName(commandLine.length() > 5 ? commandLine.substring(5) : null);
      state.clearMessage();
      if (commandLine.regionMatches(true, 0, "HELO", 0, 4)) {
        conn.send("250 " + hostName);
        return;
      }
      conn.send("250-" + hostName);
      conn.send("250 AUTH " + AuthCommand.SUPPORTED_AUTH_MECHANISM);
    }
  }
}
