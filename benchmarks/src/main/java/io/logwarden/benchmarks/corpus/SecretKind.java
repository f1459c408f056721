package io.logwarden.benchmarks.corpus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * The fake secrets of the corpus, one per provider or credential shape, each with a random body so
 * that no two records carry the same one. {@link #secret} is the credential alone (what redaction must
 * remove); {@link #inMessage} puts it in a log message the way applications leak it.
 */
public enum SecretKind {
  GITHUB_TOKEN {
    @Override
    String secret(SplittableRandom random) {
      return "ghp_" + Randoms.alnum(random, 36);
    }

    @Override
    String inMessage(String secret, SplittableRandom random) {
      return "cloning https://github.com/example/deploy-config with token " + secret;
    }
  },
  AWS_ACCESS_KEY {
    @Override
    String secret(SplittableRandom random) {
      return "AKIA" + Randoms.of(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    }

    @Override
    String inMessage(String secret, SplittableRandom random) {
      return "S3 upload failed for key " + secret + " in eu-west-1, retrying";
    }
  },
  SLACK_BOT_TOKEN {
    @Override
    String secret(SplittableRandom random) {
      return "xoxb-" + Randoms.digits(random, 11) + "-" + Randoms.digits(random, 13) + "-" + Randoms.alnum(random, 24);
    }

    @Override
    String inMessage(String secret, SplittableRandom random) {
      return "notifier configured channel=#alerts token=" + secret;
    }
  },
  STRIPE_SECRET_KEY {
    @Override
    String secret(SplittableRandom random) {
      return "sk_live_" + Randoms.alnum(random, 24);
    }

    @Override
    String inMessage(String secret, SplittableRandom random) {
      return "retrying charge, api_key=" + secret + " attempt=" + random.nextInt(1, 5);
    }
  },
  JWT {
    @Override
    String secret(SplittableRandom random) {
      int subject = random.nextInt(1_000_000);
      long issuedAt = 1_780_000_000L + random.nextInt(10_000_000);
      String payload = "{\"sub\":\"u_" + subject + "\",\"iat\":" + issuedAt + ",\"scope\":\"orders:write\"}";
      return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
          + Randoms.of(random, Randoms.BASE64URL, 43);
    }

    @Override
    String inMessage(String secret, SplittableRandom random) {
      return "session refreshed id_token=" + secret;
    }
  },
  PASSWORD_PAIR {
    @Override
    String secret(SplittableRandom random) {
      return Randoms.alnum(random, 6) + "!" + Randoms.alnum(random, 7);
    }

    @Override
    String inMessage(String secret, SplittableRandom random) {
      return "connecting to db host=db-" + random.nextInt(1, 9) + ".internal user=app password=" + secret
          + " sslmode=require";
    }
  },
  BEARER_HEADER {
    @Override
    String secret(SplittableRandom random) {
      return Randoms.of(random, Randoms.BASE64URL, 40);
    }

    @Override
    String inMessage(String secret, SplittableRandom random) {
      return "upstream returned 502 for GET /v2/inventory with headers Authorization: Bearer " + secret;
    }
  },
  URL_USERINFO {
    @Override
    String secret(SplittableRandom random) {
      return "Pw" + Randoms.alnum(random, 14);
    }

    @Override
    String inMessage(String secret, SplittableRandom random) {
      return "calling partner API https://svc_sync:" + secret + "@partner.example.net/v2/sync";
    }
  };

  /** A fresh credential of this kind. */
  abstract String secret(SplittableRandom random);

  /** A log message that leaks {@code secret}. */
  abstract String inMessage(String secret, SplittableRandom random);
}
