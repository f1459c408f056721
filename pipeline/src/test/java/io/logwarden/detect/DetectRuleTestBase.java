package io.logwarden.detect;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh detect topology on the test driver for every test, closed after it. */
abstract class DetectRuleTestBase {

  @TempDir
  Path dir;

  DetectRuleFixture detect;

  @BeforeEach
  void startDetect() {
    detect = new DetectRuleFixture(dir);
  }

  @AfterEach
  void stopDetect() {
    detect.close();
  }
}
