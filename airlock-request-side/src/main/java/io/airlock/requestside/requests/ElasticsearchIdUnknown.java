package io.airlock.requestside.requests;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An async search id that is no request id: no such search, as for an unknown request. */
class ElasticsearchIdUnknown extends ErrorResponseException {

  ElasticsearchIdUnknown(String id) {
    super(
        HttpStatus.NOT_FOUND,
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No async search " + id + "."),
        null);
  }
}
