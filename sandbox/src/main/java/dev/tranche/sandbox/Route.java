package dev.tranche.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One endpoint: a method, a path pattern and what answers it. */
record Route(String method, Pattern path, Handler handler) {

  /** Answers a matched request; {@code match} carries the path's groups. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange, Matcher match) throws IOException;
  }

  static Route of(String method, String regex, Handler handler) {
    return new Route(method, Pattern.compile(regex), handler);
  }
}
