package io.airlock.responseside.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context that trusts exactly the CA certificates of one PEM file, and not the JVM's default
 * trust store: a cluster on an isolated network has its own CA, and nothing else should vouch for
 * it.
 */
final class TrustedCa {

  private TrustedCa() {}

  static SSLContext sslContext(Path pemFile) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pemFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new CaCertificateUnusable(pemFile, "unreadable: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new CaCertificateUnusable(pemFile, "holds no certificate", null);
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      // A file may hold several: the old and the new CA while a cluster's CA is rotated.
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new CaCertificateUnusable(pemFile, "not usable as a trust anchor: " + e, e);
    }
  }
}
