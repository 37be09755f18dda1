package io.airlock.responseside.directory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.SqlParameterValue;

/** PostgreSQL {@code text[]} columns as lists, both ways. */
final class SqlArrays {

  private SqlArrays() {}

  // Typed as ARRAY so the named-parameter template binds it as one value, not a list to expand.
  static SqlParameterValue textArray(List<String> values) {
    return new SqlParameterValue(Types.ARRAY, values.toArray(String[]::new));
  }

  static List<String> texts(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
