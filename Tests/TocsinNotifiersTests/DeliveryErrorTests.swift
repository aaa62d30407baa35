import Testing
import TocsinNotifiers

@Suite struct DeliveryErrorTests {
    @Test(arguments: [
        (DeliveryError.Code.rateLimited, true), (.serverError, true), (.transport, true), (.unauthorized, false),
        (.notFound, false), (.rejected, false), (.misconfigured, false),
    ])
    func retryableCodes(code: DeliveryError.Code, retryable: Bool) {
        let error = DeliveryError(code: code, receiver: .slack, message: "Slack chat.postMessage failed")
        #expect(error.isRetryable == retryable)
        #expect(error.description == "Slack chat.postMessage failed")
    }
}
