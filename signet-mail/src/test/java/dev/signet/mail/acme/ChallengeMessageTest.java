package dev.signet.mail.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The client's side of RFC 8823: which mail is a challenge, and what the reply carries. */
class ChallengeMessageTest {
  private static final String CA = "acme-challenge@example.org";

  private static byte[] mail(String headers) {
    return (headers + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nA challenge.\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static final byte[] CHALLENGE = mail("Auto-Submitted: auto-generated; type=acme\r\nFrom: " + CA
      + "\r\nTo: alice@example.org\r\nSubject: ACME: part-one\r\nMessage-ID: <acme-1@example.org>\r\n");

  @Test
  void aChallengeMailGivesTokenPart1FromItsSubject() {
    assertThat(ChallengeMessage.read(CHALLENGE, CA)).contains(new ChallengeMessage(CA, "part-one", "<acme-1@example.org>"));
  }

  @Test
  void mailFromAnotherSenderIsNoChallenge() {
    assertThat(ChallengeMessage.read(CHALLENGE, "acme-challenge@elsewhere.example")).isEmpty();
  }

  @Test
  void mailWithoutTheAutoSubmittedMarkIsNoChallenge() {
    assertThat(ChallengeMessage.read(mail("From: " + CA + "\r\nSubject: ACME: part-one\r\n"), CA)).isEmpty();
  }

  @Test
  void theReplyCarriesTheDigestOfTheKeyAuthorizationBetweenTheMarkers() throws Exception {
    String reply = new String(ChallengeMessage.read(CHALLENGE, CA).orElseThrow()
        .reply("alice@example.org", "part-two", "thumb"), StandardCharsets.US_ASCII);

    String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
        .digest("part-onepart-two.thumb".getBytes(StandardCharsets.US_ASCII)));
    assertThat(reply).startsWith("From: alice@example.org\r\nTo: " + CA + "\r\nSubject: Re: ACME: part-one\r\n")
        .contains("In-Reply-To: <acme-1@example.org>\r\n")
        .endsWith("\r\n\r\n-----BEGIN ACME RESPONSE-----\r\n" + digest + "\r\n-----END ACME RESPONSE-----\r\n");
  }
}
