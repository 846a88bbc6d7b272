package io.supportkb.ingestion.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.supportkb.ingestion.JobQueue;

/**
 * Embedded-mode wake-ups: an in-memory queue of document ids, each queued at most once at a time. Lost on a
 * restart, which is fine: the reconciler re-publishes every due job whose wake-up is gone.
 */
@Component
@Profile("!redis")
public class InProcessJobQueue implements JobQueue {

    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    @Override
    public void publish(Collection<String> documentIds) {
        for (String id : documentIds) {
            if (queued.add(id)) {
                queue.add(id);
            }
        }
    }

    @Override
    public Optional<WakeUp> poll(Duration timeout) throws InterruptedException {
        String id = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (id == null) {
            return Optional.empty();
        }
        queued.remove(id);
        return Optional.of(new WakeUp(id, id));
    }

    @Override
    public void acknowledge(WakeUp wakeUp) {
        // nothing to do: an in-memory wake-up is gone once polled
    }

    @Override
    public long backlog() {
        return queue.size();
    }
}
