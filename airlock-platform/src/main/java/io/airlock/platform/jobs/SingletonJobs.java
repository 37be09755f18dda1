package io.airlock.platform.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a job on one instance at a time when several instances share a database (DESIGN §5): the job
 * holds a ShedLock lock while it runs, and an instance that finds it held skips that run instead of
 * waiting. The lock is released when the job ends, or after {@code lockAtMostFor} if its instance
 * died.
 */
public final class SingletonJobs {

  private static final Logger log = LoggerFactory.getLogger(SingletonJobs.class);

  private final LockingTaskExecutor executor;

  public SingletonJobs(LockingTaskExecutor executor) {
    this.executor = executor;
  }

  /**
   * Jobs locked in the {@code shedlock} table of the database, by the database's clock (so the
   * instances' clocks need not agree), held in the name of {@code instance}. That instance is
   * starting, so none of its jobs runs: any lock it still holds was left by its crash, and is
   * released at once instead of blocking the job until it runs out.
   */
  public static SingletonJobs onDatabase(DataSource dataSource, String instance) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    int released =
        jdbc.update(
            "update shedlock set lock_until = now() where locked_by = ? and lock_until > now()",
            instance);
    if (released > 0) {
      log.info("Released {} job lock(s) {} held when it stopped", released, instance);
    }
    return new SingletonJobs(
        new DefaultLockingTaskExecutor(
            new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(jdbc)
                    .usingDbTime()
                    .withLockedByValue(instance)
                    .build())));
  }

  /** One run of a job. */
  @FunctionalInterface
  public interface Job<T> {
    T run() throws IOException;
  }

  /**
   * Runs the job unless another instance is running the job of that name.
   *
   * @return the job's result, or empty if another instance held the lock
   */
  public <T> Optional<T> runExclusively(String name, Duration lockAtMostFor, Job<T> job)
      throws IOException {
    TaskResult<T> result;
    try {
      result =
          executor.executeWithLock(
              job::run, new LockConfiguration(Instant.now(), name, lockAtMostFor, Duration.ZERO));
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("job " + name + " failed", e);
    }
    return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
  }

  /** {@link #runExclusively} for a job whose I/O failures are unchecked. */
  public <T> Optional<T> runExclusivelyUnchecked(String name, Duration lockAtMostFor, Job<T> job) {
    try {
      return runExclusively(name, lockAtMostFor, job);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
