package dk.samspil.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.Version;

/**
 * Runs Neo4j Community embedded, with Bolt on 127.0.0.1 and authentication on.
 *
 * <p>Arguments: {@code <storeDir> <boltPort>}; the password of the {@code neo4j} user is read from
 * the environment variable {@code SAMSPIL_NEO4J_PASSWORD} so that it never shows in a process
 * listing. Once the database answers, one line {@code SAMSPIL_NEO4J_READY <version>} goes to stdout.
 * When {@code SAMSPIL_NEO4J_PASSWORD_SET=1}, the caller has already set that password on this store
 * (it restarts an engine it started before), and the launcher skips setting it: the first Cypher
 * command on a cold JVM is a large part of the start-up time, and a restart should be quick.
 *
 * <p>The engine stops cleanly on SIGINT/SIGTERM (shutdown hook) and when its standard input closes:
 * the Node process that started it holds the other end of that pipe, so if Node dies for any reason,
 * even SIGKILL, the JVM follows and no orphan keeps the store locked.
 */
public final class Launcher {
    private static final String DEFAULT_DATABASE = "neo4j";

    private Launcher() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Neo4j's threads are not daemons: without an explicit exit a failed start would hang.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Launcher <storeDir> <boltPort>");
            System.exit(2);
        }
        Path storeDir = Path.of(args[0]).toAbsolutePath();
        int boltPort = Integer.parseInt(args[1]);
        String password = System.getenv("SAMSPIL_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("SAMSPIL_NEO4J_PASSWORD must hold at least 8 characters");
            System.exit(2);
        }
        Files.createDirectories(storeDir);

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(storeDir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
                // The default for clients that set no timeout of their own (cypher-shell, Neo4j
                // Browser). Samspil's driver sets 30 s per transaction, which overrides this; a
                // minute leaves room for a bulk import batch on a slow machine, and still frees
                // the locks of a forgotten transaction well before anyone waits on them for long.
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                // A local engine stops when its owner does; waiting 10 s for open transactions is too long.
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "samspil-neo4j-shutdown"));

        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        waitUntilAvailable(system);
        if (!"1".equals(System.getenv("SAMSPIL_NEO4J_PASSWORD_SET"))) {
            setPassword(system, password);
        }
        waitUntilAvailable(service.database(DEFAULT_DATABASE));

        System.out.println("SAMSPIL_NEO4J_READY " + Version.getNeo4jVersion());
        System.out.flush();

        watchParent(System.in);
    }

    private static void waitUntilAvailable(GraphDatabaseService db) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!db.isAvailable(TimeUnit.SECONDS.toMillis(1))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("database " + db.databaseName() + " did not become available");
            }
        }
    }

    /** The password is kept by the caller under DATA_DIR; setting it on every start keeps the two in step. */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to set the password it already has: that is the usual case after the first start.
            if (!e.getMessage().contains("cannot be the same")) {
                throw e;
            }
        }
    }

    /** Blocks until the parent closes our stdin (it exited or died), then exits through the shutdown hook. */
    private static void watchParent(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // The parent never writes; anything it sends is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, exactly like end of stream.
        }
        System.exit(0);
    }
}
