package dev.signet.mail.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class ServerTrustTest {
  @Test
  void socketsForMailServersSendWithoutWaitingForAcks() throws IOException {
    try (Socket s = ServerTrust.system().socketFactory().createSocket()) {
      assertThat(s.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void aConnectionUpgradedByStartTlsSendsWithoutWaitingForAcksOnBothLayers() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket upgraded = ServerTrust.system().socketFactory().createSocket(plain, "localhost", server.getLocalPort(), true)) {
      assertThat(plain.getTcpNoDelay()).isTrue();
      assertThat(upgraded.getTcpNoDelay()).isTrue();
    }
  }
}
