package kz.qagida.check;

/** A check's answer and its JSON: the bytes sent are the bytes recorded. */
public record CheckAnswer(CheckResponse response, byte[] json) {
}
