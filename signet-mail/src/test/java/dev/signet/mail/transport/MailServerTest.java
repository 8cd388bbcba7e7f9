package dev.signet.mail.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Mail server URLs: what each scheme means, and what a URL may not carry. */
class MailServerTest {

  @Test
  void smtpMeansStartTlsOnTheSubmissionPort() throws TransportException {
    MailServer s = MailServer.smtp("smtp://mail.example.org");
    assertThat(s.protocol()).isEqualTo(MailServer.Protocol.SMTP);
    assertThat(s.protocol().implicitTls()).isFalse();
    assertThat(s.port()).isEqualTo(587);
  }

  @Test
  void smtpsMeansTlsFromTheFirstByteOnPort465() throws TransportException {
    MailServer s = MailServer.smtp("smtps://mail.example.org");
    assertThat(s.protocol().implicitTls()).isTrue();
    assertThat(s.port()).isEqualTo(465);
  }

  @Test
  void imapUrlNamesTheFolderAndDefaultsToInbox() throws TransportException {
    assertThat(MailServer.imap("imaps://mail.example.org:1993").folder()).isEqualTo("INBOX");
    assertThat(MailServer.imap("imap://mail.example.org/Archive/2026").folder()).isEqualTo("Archive/2026");
    assertThat(MailServer.imap("imap://mail.example.org").port()).isEqualTo(143);
  }

  @Test
  void passwordInTheUrlIsRefused() {
    assertThatThrownBy(() -> MailServer.smtp("smtps://alice:secret@mail.example.org"))
        .isInstanceOf(TransportException.class).hasMessageContaining("no user name or password in the URL")
        .hasMessageNotContaining("secret@");
  }

  @Test
  void otherSchemesAreRefused() {
    assertThatThrownBy(() -> MailServer.smtp("http://mail.example.org"))
        .isInstanceOf(TransportException.class).hasMessageContaining("smtp, smtps, imap or imaps");
  }

  @Test
  void imapUrlIsNotAnSmtpServer() {
    assertThatThrownBy(() -> MailServer.smtp("imaps://mail.example.org"))
        .isInstanceOf(TransportException.class).hasMessageContaining("an SMTP URL");
  }

  @Test
  void onlyLoopbackAddressesCountAsThisMachine() throws TransportException {
    assertThat(MailServer.smtp("smtp://127.0.0.1:2525").loopback()).isTrue();
    assertThat(MailServer.smtp("smtp://[::1]:2525").loopback()).isTrue();
    assertThat(MailServer.smtp("smtp://localhost:2525").loopback()).isTrue();
    assertThat(MailServer.smtp("smtp://192.0.2.7:2525").loopback()).isFalse();
    assertThat(MailServer.smtp("smtp://mail.example.org").loopback()).isFalse();
  }
}
