package io.airlock.requestside.requests;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The replica of the directory's profile types, read for the limits a request must respect. */
@Repository
class ProfileTypes {

  private final JdbcClient jdbc;

  ProfileTypes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The profile type of a user, if its row has arrived from the directory. */
  Optional<ProfileType> ofUser(UUID userId) {
    return jdbc.sql(
            """
            select p.name, p.max_priority, p.allowed_indices, p.max_result_size
            from users u join profile_types p on p.name = u.profile_type
            where u.id = :userId
            """)
        .param("userId", userId)
        .query(
            (rs, row) ->
                new ProfileType(
                    rs.getString("name"),
                    rs.getInt("max_priority"),
                    strings(rs.getArray("allowed_indices")),
                    rs.getInt("max_result_size")))
        .optional();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
