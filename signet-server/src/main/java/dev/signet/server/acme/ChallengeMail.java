package dev.signet.server.acme;

import java.util.List;

/** The organisation's mail as the ACME server uses it: it sends challenges from its address and reads the replies. */
public interface ChallengeMail {

  /** The address challenges come from and replies go to. */
  String address();

  void send(String to, byte[] message);

  /** Every message that has arrived at {@link #address()}, raw. */
  List<byte[]> received();
}
