package dev.evalunit.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Hedges an attempt (only for a model that sets {@code hedge-after-percentile}): the attempt runs as a call
 * of its own through {@code attempts} (the steps of one attempt: reply check, rate cap, endpoint hold,
 * concurrency permit, timer), and when it has had no reply after the model's observed latency percentile
 * ({@link Hedges#delayNanos()}), ONE second attempt of the same request is sent beside it. The first reply
 * wins; the other attempt is cancelled, which gives its permit back ({@link ConcurrencyInterceptor}).
 *
 * <p>It sits right after {@link RetryInterceptor}, so a hedged attempt is one attempt to the retry loop:
 * the hedge is counted apart (sent, won, also on the call's {@link CallTally}), never as a retry, and the retry clock sees one attempt that
 * lasted until the first reply. When both fail, the first attempt's failure is the one retried. The
 * second attempt has its own {@link AttemptRecord} and {@link ReplyCheck}; when it wins, the call's take its
 * result. Completions are treated as pure reads: sending one twice changes nothing but the bill.
 */
final class HedgeInterceptor implements Interceptor {

    private final OkHttpClient attempts;
    private final Hedges hedges;
    private final ScheduledExecutorService timer;

    HedgeInterceptor(OkHttpClient attempts, Hedges hedges, ScheduledExecutorService timer) {
        this.attempts = attempts;
        this.hedges = hedges;
        this.timer = timer;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        long start = System.nanoTime();
        long delay = hedges.delayNanos();
        Call first = attempts.newCall(request);
        if (delay < 0) {
            return answered(first.execute(), start);
        }
        Race race = new Race(first, request);
        ScheduledFuture<?> trigger = timer.schedule(race::hedge, delay, TimeUnit.NANOSECONDS);
        Response response;
        try {
            response = first.execute();
        } catch (IOException e) {
            trigger.cancel(false);
            return race.firstFailed(e);
        }
        trigger.cancel(false);
        return race.firstAnswered(response, start);
    }

    private Response answered(Response response, long start) {
        if (response.isSuccessful()) {
            hedges.answered(System.nanoTime() - start);
        }
        return response;
    }

    /** One attempt and its hedge; whichever replies first wins. */
    private final class Race implements Callback {

        private final Call first;
        private final Request request;
        private boolean settled;
        private Call second;
        private Request secondRequest;
        private long secondStart;
        private Response secondResponse;
        private boolean secondDone;

        Race(Call first, Request request) {
            this.first = first;
            this.request = request;
        }

        /** On the timer: sends the second attempt, unless the first has ended. */
        synchronized void hedge() {
            if (settled || first.isCanceled()) {
                return;
            }
            Request.Builder copy = request.newBuilder().tag(AttemptRecord.class, new AttemptRecord());
            ReplyCheck<?> check = request.tag(ReplyCheck.class);
            if (check != null) {
                copy.tag(ReplyCheck.class, check.fresh());
            }
            secondRequest = copy.build();
            second = attempts.newCall(secondRequest);
            secondStart = System.nanoTime();
            hedges.sent();
            CallTally tally = tally();
            if (tally != null) {
                tally.hedgeSent();
            }
            second.enqueue(this);
        }

        @Override
        public void onResponse(Call call, Response response) {
            synchronized (this) {
                if (!settled) {
                    settled = true;
                    secondResponse = response;
                    secondDone = true;
                    hedges.won();
                    CallTally tally = tally();
                    if (tally != null) {
                        tally.hedgeWon();
                    }
                    notifyAll();
                } else {
                    response.close();
                    secondDone = true;
                    return;
                }
            }
            first.cancel();
        }

        @Override
        public synchronized void onFailure(Call call, IOException e) {
            secondDone = true;
            notifyAll();
        }

        Response firstAnswered(Response response, long start) {
            Call loser;
            synchronized (this) {
                if (settled) {
                    // The second won while the first's reply was on its way.
                    response.close();
                    return won();
                }
                settled = true;
                loser = second;
            }
            if (loser != null) {
                loser.cancel();
            }
            return answered(response, start);
        }

        Response firstFailed(IOException e) throws IOException {
            synchronized (this) {
                if (secondResponse != null) {
                    return won();
                }
                if (second == null) {
                    settled = true;
                    throw e;
                }
                try {
                    while (!secondDone) {
                        wait();
                    }
                } catch (InterruptedException interrupted) {
                    settled = true;
                    second.cancel();
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a hedged attempt");
                }
                if (secondResponse == null) {
                    settled = true;
                    throw e;
                }
                return won();
            }
        }

        /** The evaluation's tally the call counts on (the hedge counts on the call's record, not its own). */
        private CallTally tally() {
            AttemptRecord record = request.tag(AttemptRecord.class);
            return record == null ? null : record.tally();
        }

        /** The second attempt's reply, its record and reading handed to the call's. */
        private Response won() {
            AttemptRecord record = request.tag(AttemptRecord.class);
            AttemptRecord hedged = secondRequest.tag(AttemptRecord.class);
            if (record != null) {
                record.exchangeFinished(hedged.lastExchangeNanos());
            }
            ReplyCheck<?> check = request.tag(ReplyCheck.class);
            if (check != null) {
                check.take(secondRequest.tag(ReplyCheck.class));
            }
            if (secondResponse.isSuccessful()) {
                hedges.answered(System.nanoTime() - secondStart);
            }
            return secondResponse;
        }
    }
}
