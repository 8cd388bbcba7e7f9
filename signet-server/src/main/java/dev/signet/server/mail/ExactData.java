package dev.signet.server.mail;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.util.GreenMailUtil;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DATA as RFC 5321 (4.1.1.4) has it: the CRLF before the final dot ends the message's last line.
 * GreenMail's own DATA drops it, so a message would not come back byte for byte. Like GreenMail, it
 * puts Return-Path and Received trace fields in front of the message.
 */
final class ExactData extends SmtpCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ExactData.class);
  private static final byte[] CRLF = {'\r', '\n'};
  private final Clock clock;

  ExactData(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) throws IOException {
    MovingMessage message = state.getMessage();
    if (message.getReturnPath() == null) {
      conn.send("503 MAIL command required");
      return;
    }
    if (message.getToAddresses().isEmpty()) {
      conn.send("503 RCPT command(s) required");
      return;
    }
    conn.send("354 Start mail input; end with <CRLF>.<CRLF>");
    String trace = "Return-Path: <" + message.getReturnPath().getEmail() + ">\r\nReceived: from "
        + conn.getClientAddress() + " (HELO " + conn.getHeloName() + ") by signet; "
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock)) + "\r\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InputStream data = conn.dotLimitedInputStream(trace.getBytes(StandardCharsets.US_ASCII))) {
      data.transferTo(bytes);
    }
    bytes.write(CRLF);
    message.setMimeMessage(GreenMailUtil.newMimeMessage(new ByteArrayInputStream(bytes.toByteArray())));
    String refused = manager.checkData(state);
    if (refused != null) {
      conn.send(refused);
      return;
    }
    try {
      manager.send(state);
    } catch (IllegalStateException e) {
      LOG.warn("a message from {} was not delivered: {}", message.getReturnPath().getEmail(), e.toString(), e);
      conn.send("451 4.3.0 Local error in delivery");
      return;
    }
    conn.send("250 OK");
    state.clearMessagePreservingAuthenticationState();
  }
}
