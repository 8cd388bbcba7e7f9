package dev.signet.server;

import dev.signet.core.DigitalId;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Issuer;
import java.nio.file.Path;

/**
 * What every part of the service shares: its data folder, the CA (records and, unlocked, its keys)
 * and the service's TLS identity, which the parts that listen on ports of their own present too.
 */
public record ServiceContext(Path dataFolder, CertificateAuthority authority, Issuer issuer, DigitalId tls) {}
