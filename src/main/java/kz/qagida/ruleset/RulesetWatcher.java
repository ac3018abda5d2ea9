package kz.qagida.ruleset;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.qagida.rules.RuleSource;

/**
 * Watches the rules root's folders and reloads, through the gate, once changes have been quiet
 * for the debounce period (an editor saving a workbook writes several times).
 */
public class RulesetWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RulesetWatcher.class);
    /** The ruleset's folders and the scenarios the gate runs. */
    private static final List<String> FOLDERS = Stream.concat(RuleSource.FOLDERS.stream(),
            Stream.of(ScenarioRunner.FOLDER)).toList();

    private final RulesetService service;
    private final Path root;
    private final long debounceMillis;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ruleset-reload");
        t.setDaemon(true);
        return t;
    });
    private WatchService watch;
    private ScheduledFuture<?> pending;

    public RulesetWatcher(RulesetService service, Path root, long debounceMillis) {
        this.service = service;
        this.root = root;
        this.debounceMillis = debounceMillis;
    }

    public void start() throws IOException {
        watch = FileSystems.getDefault().newWatchService();
        for (String folder : FOLDERS) {
            register(root.resolve(folder));
        }
        Thread t = new Thread(this::loop, "ruleset-watcher");
        t.setDaemon(true);
        t.start();
        log.info("Watching {} for rule changes (debounce {} ms)", root, debounceMillis);
    }

    private void register(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path d : walk.filter(Files::isDirectory).toList()) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path p) {
                        Path created = ((Path) key.watchable()).resolve(p);
                        if (Files.isDirectory(created)) {
                            register(created);
                        }
                    }
                }
                key.reset();
                schedule();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("The rules watcher stopped; POST /api/v1/ruleset/reload still works", e);
        }
    }

    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(() -> {
            try {
                service.reload("watcher");
            } catch (RuntimeException e) {
                log.error("Reload failed", e);
            }
        }, debounceMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        scheduler.shutdownNow();
        if (watch != null) {
            watch.close();
        }
    }
}
