extension OperationsServer {
    /// Where the operations server listens.
    public struct Configuration: Sendable, Equatable {
        /// The address to bind; `0.0.0.0` (the default) accepts probes and scrapes from the pod network.
        public var host: String
        /// The TCP port; 0 binds an ephemeral port (tests), reported through `onServerRunning`.
        public var port: Int

        /// Creates a listen address; by default `0.0.0.0:8080`, the port Prometheus annotations usually name.
        public init(host: String = "0.0.0.0", port: Int = 8080) {
            self.host = host
            self.port = port
        }
    }
}
