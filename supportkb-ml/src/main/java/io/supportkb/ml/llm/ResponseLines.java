package io.supportkb.ml.llm;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange as the calling thread sees it: a {@link Status}, then the body's {@link Line}s, then {@link End}
 * — or a {@link Failure} at any point. The HttpClient's threads queue the events; the caller takes them with a
 * deadline, so a stalled server cannot hold the caller beyond it and {@code onToken} runs on the caller's thread.
 *
 * <p>Thread-safety: one producer (the HttpClient) and one consumer (the caller); {@link #cancel()} from any thread.
 */
final class ResponseLines implements HttpResponse.BodyHandler<Void> {

    sealed interface Event permits Status, Line, End, Failure {
    }

    record Status(int code) implements Event {
    }

    record Line(String text) implements Event {
    }

    record End() implements Event {
    }

    record Failure(Throwable cause) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<HttpResponse<Void>> exchange;

    private ResponseLines() {
    }

    /** Starts the exchange; returns at once. */
    static ResponseLines send(HttpClient client, HttpRequest request) {
        ResponseLines lines = new ResponseLines();
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, lines);
        lines.exchange = exchange;
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                lines.events.add(new Failure(failure instanceof CompletionException ? failure.getCause() : failure));
            }
        });
        return lines;
    }

    /** The next event, or null when none arrived within {@code nanos}. */
    Event next(long nanos) throws InterruptedException {
        return events.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Abandons the exchange: the connection is closed and no further events matter. */
    void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        CompletableFuture<HttpResponse<Void>> current2 = exchange;
        if (current2 != null) {
            current2.cancel(true);
        }
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        events.add(new Status(info.statusCode()));
        return HttpResponse.BodySubscribers.fromLineSubscriber(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription value) {
                subscription = value;
                value.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                events.add(new Line(line));
            }

            @Override
            public void onError(Throwable failure) {
                events.add(new Failure(failure));
            }

            @Override
            public void onComplete() {
                events.add(new End());
            }
        });
    }
}
