package dev.ferry.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.cluster.requests.InvalidSignatureException;
import dev.ferry.runtime.model.ConflictException;
import dev.ferry.runtime.model.FeatureDisabledException;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.model.NotLeaderException;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.plugins.PluginFailure;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers: every failure, whether thrown by a route,
 * by the herder or by the router itself (unknown path, wrong method), is turned into a status
 * and Apache's {@code {"error_code":N,"message":"…"}} body here. {@link Error}s too (a plugin's
 * {@code NoClassDefFoundError} reaching a request through the herder): they become a 500 whose
 * message names the missing class and what to add, never an empty answer.
 */
final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static ErrorJson toError(Throwable thrown, String method, String path) {
        Throwable error = unwrap(thrown);
        int status = statusOf(error);
        String message = messageOf(error, status);
        if (status >= 500) {
            log.error("REST request {} {} failed", method, path, error);
        } else {
            log.debug("REST request {} {} answered {}: {}", method, path, status, message);
        }
        return new ErrorJson(status, message);
    }

    /**
     * Answers an {@link Error} that escaped a route (Javalin passes those to no exception mapper) with the same
     * JSON body as any other failure, instead of Jetty's empty 500.
     */
    static void send(HttpServletResponse response, Error error, ObjectMapper mapper) {
        ErrorJson body = toError(error, "(a request)", "");
        try {
            byte[] bytes = mapper.writeValueAsBytes(body);
            response.setStatus(body.errorCode());
            response.setContentType(JsonResponses.JSON);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not send the error answer for {}", error.toString(), e);
        }
    }

    private static int statusOf(Throwable error) {
        if (error instanceof RestException rest) {
            return rest.status();
        }
        if (error instanceof HttpResponseException http) {
            return http.getStatus();
        }
        if (error instanceof InvalidSignatureException signature) {
            return signature.status();
        }
        if (error instanceof NotLeaderException) {
            // Only reached by a forwarded request (forward=false): the first hop forwards instead.
            return 409;
        }
        if (error instanceof NotFoundException) {
            return 404;
        }
        if (error instanceof AlreadyExistsException || error instanceof ConflictException) {
            return 409;
        }
        if (error instanceof InvalidRequestException) {
            return 400;
        }
        if (error instanceof FeatureDisabledException) {
            return 403;
        }
        return 500;
    }

    private static String messageOf(Throwable error, int status) {
        if (error instanceof HttpResponseException) {
            // Javalin's own texts ("Endpoint GET /x not found") differ from the JAX-RS ones that
            // clients of Apache's API see, so the router's answers are reworded here.
            return "HTTP " + status + " " + HttpStatus.forStatus(status).getMessage();
        }
        if (error instanceof NotLeaderException notLeader) {
            return "Cannot complete request because of a conflicting operation (e.g. worker rebalance): this worker is "
                    + "not the leader (" + notLeader.getMessage() + ") and the request was already forwarded once. "
                    + (notLeader.leaderUrl() == null ? "No leader is known"
                            : "It now takes " + notLeader.leaderUrl() + " for the leader")
                    + "; the cluster is rebalancing, so retry the request shortly.";
        }
        if (!(error instanceof Exception) || PluginFailure.explains(error) && !(error instanceof ConnectException)) {
            // An Error (a plugin's NoClassDefFoundError, a failed static initialiser, ...) or a bare failure of plugin
            // code: its message alone ("com/example/Missing") says nothing, so say what failed and what to do.
            return Sentences.end("The request failed in plugin code: " + PluginFailure.describe(error));
        }
        return error.getMessage() != null ? error.getMessage() : error.toString();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
