package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text that looks like a secret and is none stays exactly as it is, and is not counted. */
class NearMissTest {

  private final SecretScanner scanner = new SecretScanner();

  @ParameterizedTest
  @ValueSource(strings = {
      // placeholders under secret-named keys
      "Authorization: none",
      "{\"headers\":{\"Authorization\":\"none\"}}",
      "2026-03-02T04:11:09.123456Z 8 [Note] Access denied for user 'bob'@'localhost' (using password: YES)",
      "Access denied for user 'wp'@'host-7.example.net' (using password: NO)",
      "password=none user=bob",
      "password: null",
      "{\"password\":null,\"token\":\"null\",\"secret\":\"-\",\"api_key\":\"None\",\"pwd\":\"NULL\"}",
      "client_secret=true verify=false token=False",
      // paging tokens
      "next_page_token=CiAKGjBpNDd2Nmp2Zml2cXRqNmY0ZnhkNGlpNjQQ",
      "{\"nextPageToken\":\"CiAKGjBpNDd2Nmp2Zml2cXRqNmY0ZnhkNGlpNjQQ\",\"items\":[]}",
      "GET /v1/items?pageToken=Cg0KC2Fzc2V0LTAwMDQy&pageSize=50 HTTP/1.1",
      "{\"NextToken\":\"AAMA-EFRSURBSGhZeHJ4ZXZ3a0ZJQ0tnbzdaTHJ3\",\"Contents\":[]}",
      "continuationToken=1ueGcxLPRx1Tr continuation_token=abc123def456",
      "cursor=dXNlcl8xMDA6MTc4NDcxNDcyMw next_token=eyJvZmZzZXQiOjIwMH0",
      "PaginationToken: AQICAHhtYXJrZXI",
      // resource names and ARNs
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders-db-AbCdEf",
      "GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1a2b3c4d-AbCdEf succeeded",
      "arn:aws:iam::123456789012:role/ci-deployer principal AROAQ3EGTK7ZXEXAMPLE2",
      "projects/shop-prod/secrets/db-password/versions/3 accessed by svc-orders@shop-prod.iam.gserviceaccount.com",
      "read vault path secret/data/prod/orders/db at version 7",
      "urn:example:token:refresh:v2 registered",
      "kind: Secret\nmetadata:\n  name: orders-db-password",
      "secretKeyRef: {name: orders-db, key: password}",
      // request ids, uuids, digests, versions
      "request_id=3fcfb2b4-5b0e-4c1e-9d7a-2f6f1d7e8a90 x-amzn-RequestId: 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE",
      "x-request-id: 01J3Q8Z6W3M5K9V4B7N2C1X0TZ trace_id=4bf92f3577b34da6a3ce929d0e0e4736",
      "pulled registry.example.com/shop/orders-api@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
      "image digest sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
      "version=2.3.1 release=orders-api@1.42.0 build=v1.2.3-rc.1+build.5 java=21.0.3 go1.22.5",
      "commit 4bf92f3577b34da6a3ce929d0e0e47364bf92f35 near AKIA is a word, not a key",
      // public keys
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0Z2VuZXJhdGVkS2V5Zm9yVGVzdGluZ09ubHk deploy@ci",
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA3pCmbFh2rTgYcMXsZqsP1tG8dHTp6YqTZzZjJkWnRk8u6G1jK9e7a7hM2p5q deploy@ci",
      "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGNbXq8BEADGl3l7oQ2a1XkV9Z4n3mUu4P8nq2b9pK5x0Yq8w1T3rJ6s\n=Ab3d\n-----END PGP PUBLIC KEY BLOCK-----",
      "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEm3b2Qk0aZ9T5d1b4v6y7x8w9v0u1\n-----END PUBLIC KEY-----",
      "age recipient age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p added",
      "Accepted publickey for deploy from 198.51.100.23 port 40022 ssh2: ED25519 SHA256:Zq3kP0m9n8b7v6c5x4z3a2s1d0f9g8h7j6k5l4m3n2b",
      // prose
      "password reset requested for user u_1842",
      "Password: must be at least 8 characters",
      "token expired at 2026-07-22T09:00:00Z",
      "Invalid password for user bob",
      "usage: login <user> <password>"})
  void nearMissStaysAsItIs(String line) {
    RedactionCounts counts = new RedactionCounts();
    assertThat(scanner.redact(line, counts)).isSameAs(line);
    assertThat(counts.isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"next_page_token", "page_token", "next_token", "continuation_token", "nextPageToken", "pageToken",
      "continuationToken", "NextToken", "NEXT_PAGE_TOKEN", "nexttoken", "PaginationToken", "cursor", "next_cursor"})
  void pagingTokensAreNoSecretKeys(String name) {
    assertThat(SecretScanner.isSecretKey(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"token", "access_token", "refreshToken", "session-token", "page_secret", "next_password"})
  void otherTokensStillAre(String name) {
    assertThat(SecretScanner.isSecretKey(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "null", "NULL", "-", "YES", "yes", "NO", "true", "False"})
  void placeholderUnderASecretKeyStays(String value) {
    RedactionCounts counts = new RedactionCounts();
    assertThat(scanner.redactValueOfSecretKey(value, counts)).isSameAs(value);
    assertThat(counts.asMap()).isEqualTo(Map.of());
  }
}
