package dev.signet.mail.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.core.DigitalId;
import dev.signet.core.MalformedInputException;
import dev.signet.mail.internal.Pkcs8Keys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The agent's wire: one JSON request from the client, one JSON reply, then the connection closes.
 * Small on purpose, and typed: a verb, the ID it is about, and the ID itself when one is handed over.
 */
final class AgentProtocol {
  /** A request can carry one digital ID (a post-quantum key and its chain are some tens of KiB). */
  static final int MAX_MESSAGE = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private AgentProtocol() {}

  enum Verb { GET, PUT, FORGET, STATUS, STOP }

  /** @param id the store folder and the ID's name in it; @param held the ID handed over, for PUT */
  record Request(Verb verb, String id, Held held) {}

  /**
   * @param held the ID asked for, when the agent holds it
   * @param count how many IDs the agent holds
   * @param timeoutSeconds how long the agent holds each ID after it is handed over
   * @param error why the agent refused the request
   */
  record Reply(Held held, int count, long timeoutSeconds, String error) {}

  /** An unlocked digital ID: its PKCS#8 private key and its chain, DER in base64. */
  record Held(String algorithm, String privateKey, List<String> chain) {
    static Held of(DigitalId id) throws IOException {
      List<String> certificates = new ArrayList<>();
      try {
        for (X509Certificate c : id.chain()) {
          certificates.add(Base64.getEncoder().encodeToString(c.getEncoded()));
        }
      } catch (CertificateException e) {
        throw new AgentException("the ID's certificate cannot be encoded", e);
      }
      PrivateKey key = id.privateKey();
      return new Held(key.getAlgorithm(), Base64.getEncoder().encodeToString(key.getEncoded()), certificates);
    }

    DigitalId digitalId() throws IOException {
      try {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (String c : chain) {
          certificates.add((X509Certificate) factory.generateCertificate(
              new ByteArrayInputStream(Base64.getDecoder().decode(c))));
        }
        return DigitalId.of(Pkcs8Keys.read(algorithm, Base64.getDecoder().decode(privateKey)), certificates);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new MalformedInputException("the agent handed over an unreadable digital ID", e);
      }
    }
  }

  /** Writes one message and half-closes, so the peer reads to the end. */
  static void send(SocketChannel channel, Object message) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(message));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    channel.shutdownOutput();
  }

  static <T> T receive(SocketChannel channel, Class<T> type) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      all.write(buffer.array(), 0, buffer.limit());
      buffer.clear();
      if (all.size() > MAX_MESSAGE) {
        throw new AgentException("the agent's message is too long");
      }
    }
    return JSON.readValue(all.toByteArray(), type);
  }
}
