package io.contactdesk.bench;

import static io.contactdesk.bench.Machine.*;
import static io.contactdesk.bench.Report.*;
import static io.contactdesk.bench.Requests.*;
import static io.contactdesk.bench.Run.*;

import java.io.*;
import java.net.*;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;

/** Load from a number of clients, each on its own keep-alive connection. */
final class Load {
  record Result(int count, int errors, double seconds, long[] sorted) {
    double rate() {
      return count / seconds;
    }

    double p(double q) {
      return pct(sorted, q) / 1e6;
    }
  }

  /** Closed loop: each client sends its next request when the last is answered. */
  static Result closed(
      int port, int clients, int seconds, int maxRequests, Supplier<Req> next, int expect)
      throws Exception {
    return run(port, clients, seconds, maxRequests, 0, i -> next.get(), expect, null);
  }

  /**
   * Paced: {@code rate} requests per second in total over the clients, each waiting for its answer.
   */
  static Result paced(
      int port,
      int clients,
      int seconds,
      int rate,
      IntFunction<Req> next,
      int expect,
      Set<String> ids)
      throws Exception {
    return run(port, clients, seconds, rate * seconds, rate, next, expect, ids);
  }

  private static Result run(
      int port,
      int clients,
      int seconds,
      int maxRequests,
      int rate,
      IntFunction<Req> next,
      int expect,
      Set<String> ids)
      throws Exception {
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long[][] samples = new long[clients][];
    int[] counts = new int[clients];
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> fs = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int me = c;
      samples[c] = new long[maxRequests / clients + 2];
      fs.add(
          pool.submit(
              () -> {
                Http http = new Http(port);
                try {
                  while (true) {
                    int i = issued.getAndIncrement();
                    if (i >= maxRequests
                        || System.nanoTime() >= end
                        || counts[me] >= samples[me].length) {
                      break;
                    }
                    if (rate > 0) {
                      long due = start + (long) (i * 1e9 / rate);
                      long wait = due - System.nanoTime();
                      if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                      }
                    }
                    Req req = next.apply(i);
                    long t0 = System.nanoTime();
                    try {
                      Http.Response r = http.send(req);
                      samples[me][counts[me]++] = System.nanoTime() - t0;
                      if (r.status() != expect) {
                        if (errors.incrementAndGet() <= 3) {
                          System.out.println("unexpected " + r.status() + " " + r.text());
                        }
                      } else if (ids != null) {
                        Matcher m = ID.matcher(r.text());
                        if (m.find()) {
                          ids.add(m.group(1));
                        }
                      }
                    } catch (IOException e) {
                      errors.incrementAndGet();
                      http.close();
                      http = new Http(port);
                    }
                  }
                } finally {
                  http.close();
                }
                return null;
              }));
    }
    for (Future<?> f : fs) {
      f.get(seconds + 120L, TimeUnit.SECONDS);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdownNow();
    int total = 0;
    for (int n : counts) {
      total += n;
    }
    long[] all = new long[total];
    int k = 0;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(samples[c], 0, all, k, counts[c]);
      k += counts[c];
    }
    Arrays.sort(all);
    return new Result(total, errors.get(), elapsed, all);
  }
}
