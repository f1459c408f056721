package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.redact.SecretScannerTest.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Connection strings and DSNs of every common form: the password goes, host and database stay. */
class ConnectionStringTest {

  private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*-_~";

  private final SecretScanner scanner = new SecretScanner();

  /** A connection string holding a password {@code S}. */
  record Shape(String name, UnaryOperator<String> wrap) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Shape> SHAPES = List.of(
      new Shape("postgres url", s -> "postgresql://orders:" + s + "@db-1.internal:5432/orders?sslmode=require"),
      new Shape("mongodb+srv", s -> "mongodb+srv://app:" + s + "@cluster0.example.net/shop?retryWrites=true"),
      new Shape("redis without user", s -> "redis://:" + s + "@cache-1:6379/0"),
      new Shape("amqps", s -> "amqps://svc:" + s + "@mq.example.net:5671/vhost"),
      new Shape("password with @", s -> "amqp://guest:" + s + "@x" + "@mq.internal/vhost"),
      new Shape("password with raw slash", s -> "postgres://u:" + s + "/x@db/orders"),
      new Shape("ADO.NET", s -> "Server=tcp:db.example.net,1433;Initial Catalog=orders;User ID=sa;Password=" + s + ";Encrypt=True;"),
      new Shape("ADO.NET quoted with ;", s -> "Data Source=db;User ID=sa;Password=\"" + s + ";" + s + "\";Database=x"),
      new Shape("ODBC Pwd", s -> "Driver={ODBC Driver 18 for SQL Server};Server=db;Uid=sa;Pwd=" + s + ";"),
      new Shape("ODBC braced Pwd", s -> "Driver={ODBC Driver 18 for SQL Server};Server=db;Uid=sa;Pwd={" + s + ";x}};"),
      new Shape("JDBC mysql query", s -> "jdbc:mysql://db-1:3306/orders?user=app&password=" + s + "&useSSL=true"),
      new Shape("JDBC sqlserver", s -> "jdbc:sqlserver://db-1:1433;databaseName=orders;user=app;password=" + s + ";encrypt=true;"),
      new Shape("JDBC oracle thin", s -> "jdbc:oracle:thin:app/" + s + "@//db-1:1521/ORCL"),
      new Shape("sqlplus", s -> "sqlplus -s app/" + s + "@//db-1:1521/ORCL @report.sql"),
      new Shape("libpq", s -> "host=db-1 port=5432 dbname=orders user=app password=" + s + " sslmode=require"),
      new Shape("go mysql dsn", s -> "app:" + s + "@tcp(db-1:3306)/orders?parseTime=true"),
      new Shape("azure storage", s -> "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + s + "==;EndpointSuffix=core.windows.net"));

  static final List<Context> CONTEXTS = List.of(
      new Context("plain", false, s -> s),
      new Context("json config dump", true, s -> "{\"level\":\"info\",\"msg\":\"connecting\",\"dsn\":\"" + s + "\"}"),
      new Context("exception", false, s -> "org.example.DbException: cannot connect to " + s + "\n\tat org.example.Pool.open(Pool.java:88)"),
      new Context("logfmt", false, s -> "level=error msg=\"connect failed\" conn=\"" + s + "\" retry=3"));

  static Stream<Arguments> shapesInContexts() {
    Random random = new Random(808);
    List<Arguments> out = new ArrayList<>();
    for (Shape shape : SHAPES) {
      for (Context context : CONTEXTS) {
        String password = FakeSecrets.mixed(random, URL_SAFE, 16);
        out.add(Arguments.of(shape, context, password));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("shapesInContexts")
  void passwordInAConnectionStringGoes(Shape shape, Context context, String password) {
    String out = scanner.redact(context.render(shape.wrap().apply(password)), null);
    assertThat(out).contains("[REDACTED:");
    Leaks.assertNoPieceSurvives(out, password);
    assertThat(scanner.redact(out, null)).as("idempotent").isSameAs(out);
  }

  @Test
  void hostAndDatabaseStay() {
    assertThat(redact("postgresql://user:p%40ss@db/x")).isEqualTo("postgresql://[REDACTED:url-credentials]@db/x");
    assertThat(redact("mongodb+srv://u:p4ssw0rd@cluster0.example.net/db"))
        .isEqualTo("mongodb+srv://[REDACTED:url-credentials]@cluster0.example.net/db");
    assertThat(redact("Server=db;User ID=sa;Password=\"a;b;c\";Database=x"))
        .isEqualTo("Server=db;User ID=sa;Password=\"[REDACTED:secret-value]\";Database=x");
    assertThat(redact("Server=db;Password='it''s;x';Database=x")).isEqualTo("Server=db;Password='[REDACTED:secret-value]';Database=x");
    assertThat(redact("Driver={ODBC};Server=x;Pwd={a;b}}c};Uid=sa")).isEqualTo("Driver={ODBC};Server=x;Pwd={[REDACTED:secret-value]};Uid=sa");
    assertThat(redact("jdbc:sqlserver://h;user=u;password=s3cret;encrypt=true"))
        .isEqualTo("jdbc:sqlserver://h;user=u;password=[REDACTED:secret-value];encrypt=true");
    assertThat(redact("jdbc:oracle:thin:scott/tiger@//db:1521/orcl")).isEqualTo("jdbc:oracle:thin:[REDACTED:url-credentials]@//db:1521/orcl");
    assertThat(redact("sqlplus scott/tiger as sysdba")).isEqualTo("sqlplus [REDACTED:url-credentials] as sysdba");
    assertThat(redact("dsn=root:s3cret@tcp(127.0.0.1:3306)/app")).isEqualTo("dsn=[REDACTED:url-credentials]@tcp(127.0.0.1:3306)/app");
    assertThat(redact("host=db port=5432 password=s3cret sslmode=require"))
        .isEqualTo("host=db port=5432 password=[REDACTED:secret-value] sslmode=require");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sqlplus /nolog",
      "sqlplus / as sysdba",
      "jdbc:oracle:thin:@//db-1:1521/ORCL",
      "jdbc:postgresql://db-1:5432/orders?user=app&ssl=true",
      "git clone git@github.com:org/repo.git",
      "ssh://git@github.com/org/repo.git",
      "https://example.com:8443/users/@me",
      "Server=db;Database=orders;Integrated Security=SSPI;",
      "postgresql://orders@db-1:5432/orders",
      "mail from bob@example.com to carol@example.net",
      "icons/logo@2x.png and sprites/a/b@3x.png",
      "redis://cache-1:6379/0"})
  void connectionStringsWithoutAPasswordStay(String line) {
    assertThat(scanner.redact(line, null)).isSameAs(line);
  }

  private String redact(String line) {
    return scanner.redact(line, null);
  }
}
