package dev.signet.server.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.imap.ImapRequestHandler;
import com.icegreen.greenmail.imap.ImapResponse;
import com.icegreen.greenmail.imap.ImapSession;
import com.icegreen.greenmail.imap.ImapSessionFolder;
import com.icegreen.greenmail.imap.ImapSessionState;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.AbstractSocketProtocolHandler;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.MessageFlags;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GreenMail's IMAP server, with a selected folder that finds a message's sequence number in the
 * store's index at once: GreenMail's own scans a copy of every UID for each message a command
 * touches, which makes a FETCH of a few messages in a folder of 100,000 take minutes. The greeting
 * names the service's host. The commands themselves are GreenMail's.
 */
final class Imap extends AbstractServer {
  private final String hostName;

  Imap(ServerSetup setup, Managers managers, String hostName) {
    super(setup, managers);
    this.hostName = hostName;
  }

  @Override
  protected ProtocolHandler createProtocolHandler(Socket socket) {
    noDelay(socket);
    return new Connection(managers.getUserManager(), managers.getImapHostManager(), hostName, socket);
  }

  /**
   * Replies go out as written: GreenMail writes a reply in pieces, and with Nagle's algorithm each
   * later piece waits for the TLS front's delayed acknowledgement (some 40 ms a command).
   */
  static void noDelay(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
    } catch (java.net.SocketException e) {
      // the connection is already gone; its handler will find out
    }
  }

  /** One client's connection, as GreenMail's ImapHandler, with {@link Session}. */
  private static final class Connection extends AbstractSocketProtocolHandler {
    private final ImapRequestHandler requests = new ImapRequestHandler();
    private final UserManager users;
    private final ImapHostManager host;
    private final String hostName;
    private volatile ImapResponse response;
    private volatile Session session;

    Connection(UserManager users, ImapHostManager host, String hostName, Socket socket) {
      super(socket);
      this.users = users;
      this.host = host;
      this.hostName = hostName;
    }

    @Override
    public void run() {
      try (InputStream in = new BufferedInputStream(socket.getInputStream(), 512);
          OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1024)) {
        response = new ImapResponse(out);
        response.okResponse(null, hostName + " IMAP4rev1 ready");
        session = new Session(host, users, this, socket.getInetAddress().getHostAddress());
        while (!isQuitting() && requests.handleRequest(in, out, session)) {
          // one command after another
        }
      } catch (Exception e) {
        if (!isQuitting()) {
          log.debug("IMAP connection ended", e);
        }
      } finally {
        Session s = session;
        if (s != null) {
          s.deselect(); // else the folder would keep telling a gone connection of every change
        }
        close();
      }
    }

    void forceClose(String message) {
      ImapResponse r = response;
      if (r != null) {
        r.byeResponse(message);
      }
      close();
    }
  }

  /** As GreenMail's ImapSessionImpl, selecting an {@link IndexedSelection}. */
  private static final class Session implements ImapSession {
    private final ImapHostManager host;
    private final UserManager users;
    private final Connection connection;
    private final String clientAddress;
    private ImapSessionState state = ImapSessionState.NON_AUTHENTICATED;
    private GreenMailUser user;
    private IndexedSelection selected;

    Session(ImapHostManager host, UserManager users, Connection connection, String clientAddress) {
      this.host = host;
      this.users = users;
      this.connection = connection;
      this.clientAddress = clientAddress;
    }

    @Override
    public void unsolicitedResponses(ImapResponse response) throws FolderException {
      unsolicitedResponses(response, false);
    }

    @Override
    public void unsolicitedResponses(ImapResponse response, boolean omitExpunged) throws FolderException {
      IndexedSelection s = selected;
      if (s == null) {
        return;
      }
      if (s.isSizeChanged()) {
        response.existsResponse(s.getMessageCount());
        response.recentResponse(s.getRecentCount(true));
        s.setSizeChanged(false);
      }
      for (FlagUpdate update : s.takeFlagUpdates()) {
        StringBuilder out = new StringBuilder("FLAGS ").append(MessageFlags.format(update.flags()));
        if (update.uid() != null) {
          out.append(" UID ").append(update.uid());
        }
        response.fetchResponse(update.msn(), out.toString());
      }
      if (!omitExpunged) {
        for (int msn : s.getExpunged()) {
          response.expungeResponse(msn);
        }
      }
    }

    @Override
    public void closeConnection(String byeMessage) {
      connection.forceClose(byeMessage);
    }

    @Override
    public void closeConnection() {
      connection.close();
    }

    @Override
    public ImapHostManager getHost() {
      return host;
    }

    @Override
    public UserManager getUserManager() {
      return users;
    }

    @Override
    public String getClientIP() {
      return clientAddress;
    }

    @Override
    public ImapSessionState getState() {
      return state;
    }

    @Override
    public void setAuthenticated(GreenMailUser authenticated) {
      state = ImapSessionState.AUTHENTICATED;
      user = authenticated;
    }

    @Override
    public GreenMailUser getUser() {
      return user;
    }

    @Override
    public void setSelected(MailFolder folder, boolean readOnly) {
      deselectQuietly();
      selected = new IndexedSelection((MaildirFolder) folder, this, readOnly);
      state = ImapSessionState.SELECTED;
    }

    @Override
    public void deselect() {
      state = ImapSessionState.AUTHENTICATED;
      deselectQuietly();
    }

    private void deselectQuietly() {
      if (selected != null) {
        selected.deselect();
        selected = null;
      }
    }

    @Override
    public ImapSessionFolder getSelected() {
      return selected;
    }
  }

  private record FlagUpdate(int msn, Long uid, Flags flags) {}

  /** The selected folder: sequence numbers from the store's index, flag changes noted here. */
  private static final class IndexedSelection extends ImapSessionFolder {
    private final MaildirFolder folder;
    private final Map<Integer, FlagUpdate> flagUpdates = Collections.synchronizedMap(new TreeMap<>());
    private final List<Integer> expunged = new ArrayList<>();

    IndexedSelection(MaildirFolder folder, ImapSession session, boolean readOnly) {
      super(folder, session, readOnly);
      this.folder = folder;
    }

    @Override
    public int getMsn(long uid) throws FolderException {
      return folder.getMsn(uid);
    }

    @Override
    public void flagsUpdated(int msn, Flags flags, Long uid) {
      flagUpdates.put(msn, new FlagUpdate(msn, uid, flags)); // a later change replaces an earlier one
    }

    @Override
    public void expunged(int msn) {
      synchronized (expunged) {
        expunged.add(msn);
      }
    }

    /** The expunged sequence numbers not yet told (GreenMail's own fails if a message arrived meanwhile). */
    @Override
    public int[] getExpunged() {
      synchronized (expunged) {
        int[] all = expunged.stream().mapToInt(Integer::intValue).toArray();
        expunged.clear();
        return all;
      }
    }

    List<FlagUpdate> takeFlagUpdates() {
      synchronized (flagUpdates) {
        List<FlagUpdate> all = new ArrayList<>(flagUpdates.values());
        flagUpdates.clear();
        return all;
      }
    }

    /** COPY and MOVE look only at each message's UID: stand-ins, not every message read from disk. */
    @Override
    public List<StoredMessage> getMessages() {
      long[] uids = folder.getMessageUids();
      return new AbstractList<>() {
        @Override
        public StoredMessage get(int index) {
          StoredMessage stub = folder.stub(uids[index]);
          return stub != null ? stub : StoredMessages.stub(new Flags(), new java.util.Date(0), uids[index]);
        }

        @Override
        public int size() {
          return uids.length;
        }
      };
    }
  }
}
