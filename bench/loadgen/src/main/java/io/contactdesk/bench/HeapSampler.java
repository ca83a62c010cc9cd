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

/** Samples the app's heap with jstat every 100 ms: used (all spaces) and old generation. */
final class HeapSampler {
  final long pid;
  Process jstat;
  Thread reader;
  volatile long peakUsed;
  volatile long peakOld;
  volatile long firstOld = -1;
  volatile long peakRetained;
  volatile long firstRetained = -1;
  volatile int samples;

  HeapSampler(long pid) {
    this.pid = pid;
  }

  void start() throws IOException {
    jstat =
        new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "100")
            .redirectErrorStream(true)
            .start();
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(jstat.getInputStream()))) {
                String header = in.readLine();
                if (header == null) {
                  return;
                }
                List<String> cols = Arrays.asList(header.trim().split("\\s+"));
                String l;
                while ((l = in.readLine()) != null) {
                  String[] v = l.trim().split("\\s+");
                  if (v.length != cols.size() || v[0].equals(cols.get(0))) {
                    continue;
                  }
                  double used = 0;
                  for (String col : List.of("S0U", "S1U", "EU", "OU")) {
                    used += Double.parseDouble(v[cols.indexOf(col)]);
                  }
                  long old = (long) (Double.parseDouble(v[cols.indexOf("OU")]) * 1024);
                  // what outlives a young collection: survivors and old generation, not eden's
                  // garbage
                  long retained =
                      old
                          + (long)
                              ((Double.parseDouble(v[cols.indexOf("S0U")])
                                      + Double.parseDouble(v[cols.indexOf("S1U")]))
                                  * 1024);
                  peakRetained = Math.max(peakRetained, retained);
                  if (firstRetained < 0) {
                    firstRetained = retained;
                  }
                  peakUsed = Math.max(peakUsed, (long) (used * 1024));
                  peakOld = Math.max(peakOld, old);
                  if (firstOld < 0) {
                    firstOld = old;
                  }
                  samples++;
                }
              } catch (IOException | RuntimeException e) {
                // sampling ends
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  void stop() throws InterruptedException {
    jstat.destroy();
    reader.join(5000);
  }
}
