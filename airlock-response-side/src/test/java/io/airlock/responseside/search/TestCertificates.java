package io.airlock.responseside.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test CA, a server certificate it signed for 127.0.0.1 and localhost, and an unrelated second
 * CA, made with the JDK's keytool so that no certificate library is needed.
 */
final class TestCertificates {

  private static final String PASSWORD = "changeit";

  private final Path dir;
  private final Path keyStore;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.keyStore = dir.resolve("test.p12");
  }

  static TestCertificates create(Path dir) throws IOException, InterruptedException {
    TestCertificates certificates = new TestCertificates(dir);
    certificates.keytool(
        "-genkeypair", "-alias", "ca", "-dname", "CN=Airlock Test CA", "-ext", "bc:c");
    certificates.keytool(
        "-genkeypair", "-alias", "other-ca", "-dname", "CN=Other CA", "-ext", "bc:c");
    certificates.keytool("-genkeypair", "-alias", "server", "-dname", "CN=localhost");
    certificates.keytool(
        "-certreq", "-alias", "server", "-file", dir.resolve("server.csr").toString());
    certificates.keytool(
        "-gencert",
        "-alias",
        "ca",
        "-infile",
        dir.resolve("server.csr").toString(),
        "-outfile",
        dir.resolve("server.pem").toString(),
        "-rfc",
        "-ext",
        "san=ip:127.0.0.1,dns:localhost");
    return certificates;
  }

  /** A PEM file with the CA that signed the server's certificate. */
  Path caPem() throws GeneralSecurityException, IOException {
    return pem("ca");
  }

  /** A PEM file with a CA that has nothing to do with the server. */
  Path otherCaPem() throws GeneralSecurityException, IOException {
    return pem("other-ca");
  }

  /** The server's side of TLS: its key and the chain up to the CA, and no other key. */
  SSLContext serverContext() throws GeneralSecurityException, IOException {
    KeyStore all = load();
    Certificate signed;
    try (InputStream in = Files.newInputStream(dir.resolve("server.pem"))) {
      signed = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore server = KeyStore.getInstance("PKCS12");
    server.load(null, null);
    server.setKeyEntry(
        "server",
        (PrivateKey) all.getKey("server", PASSWORD.toCharArray()),
        PASSWORD.toCharArray(),
        new Certificate[] {signed, all.getCertificate("ca")});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(server, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private Path pem(String alias) throws GeneralSecurityException, IOException {
    Certificate certificate = load().getCertificate(alias);
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded());
    Path file = dir.resolve(alias + ".pem");
    Files.writeString(
        file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
    return file;
  }

  private KeyStore load() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    // EC keys: generated in milliseconds where RSA takes noticeably longer on two cores.
    if (arguments[0].equals("-genkeypair")) {
      command.addAll(List.of("-keyalg", "EC", "-validity", "2"));
    }
    if (arguments[0].equals("-gencert")) {
      command.addAll(List.of("-validity", "2"));
    }
    command.addAll(
        List.of("-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("keytool.log").toFile())
            .start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          "keytool " + arguments[0] + " failed: " + Files.readString(dir.resolve("keytool.log")));
    }
  }
}
