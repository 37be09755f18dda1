package io.airlock.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code airlock.http.max-request-body}: a declared {@code
 * Content-Length} over it is answered 413 before anything is read, and a body sent without one
 * (chunked) stops being read at the limit, which fails the request as unreadable.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final ProblemWriter problems;

  RequestBodyLimitFilter(long maxBytes, ProblemWriter problems) {
    this.maxBytes = maxBytes;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      problems.write(
          request,
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "The request body may be at most " + maxBytes + " bytes.");
      return;
    }
    chain.doFilter(request.getContentLengthLong() < 0 ? new Capped(request) : request, response);
  }

  /** A request whose body reads no further than the limit. */
  private final class Capped extends HttpServletRequestWrapper {

    Capped(HttpServletRequest request) {
      super(request);
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(
              getInputStream(),
              encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream body = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int next = body.read();
          if (next >= 0) {
            count(1);
          }
          return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = body.read(buffer, offset, length);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(long n) throws IOException {
          read += n;
          if (read > maxBytes) {
            throw new IOException("request body larger than " + maxBytes + " bytes");
          }
        }

        @Override
        public boolean isFinished() {
          return body.isFinished();
        }

        @Override
        public boolean isReady() {
          return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          body.setReadListener(listener);
        }
      };
    }
  }
}
