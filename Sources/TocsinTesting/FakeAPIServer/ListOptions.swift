import Foundation

/// The query parameters of a list or watch request.
struct ListOptions: Sendable {
    var labelSelector = LabelSelector()
    var fieldSelector = FieldSelector()
    var limit: Int?
    var continueToken: String?
    var resourceVersion: String?
    var resourceVersionMatch: String?
    var allowsWatchBookmarks = false
    /// A watch that starts with the current objects as ADDED events and a bookmark marking their end (WatchList).
    var sendsInitialEvents = false
    var timeoutSeconds: Int?

    /// - Throws: `FakeAPIError` 400 for a malformed selector or number.
    init(query: [String: String]) throws {
        labelSelector = try LabelSelector(parsing: query["labelSelector"] ?? "")
        fieldSelector = try FieldSelector(parsing: query["fieldSelector"] ?? "")
        if let text = query["limit"], !text.isEmpty {
            guard let limit = Int(text), limit >= 0 else {
                throw FakeAPIError.badRequest("invalid limit \"\(text)\": must be a non-negative integer")
            }
            self.limit = limit > 0 ? limit : nil
        }
        continueToken = query["continue"].flatMap { $0.isEmpty ? nil : $0 }
        resourceVersion = query["resourceVersion"].flatMap { $0.isEmpty ? nil : $0 }
        resourceVersionMatch = query["resourceVersionMatch"].flatMap { $0.isEmpty ? nil : $0 }
        allowsWatchBookmarks = query["allowWatchBookmarks"] == "true" || query["allowWatchBookmarks"] == "1"
        sendsInitialEvents = query["sendInitialEvents"] == "true"
        if let text = query["timeoutSeconds"], !text.isEmpty {
            guard let seconds = Int(text), seconds >= 0 else {
                throw FakeAPIError.badRequest("invalid timeoutSeconds \"\(text)\"")
            }
            timeoutSeconds = seconds
        }
    }

    init() {}

    /// Whether an object passes both selectors.
    func matches(_ object: FakeJSON) -> Bool {
        if !labelSelector.isEmpty {
            let labels = (object[path: ["metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            if !labelSelector.matches(labels) { return false }
        }
        return fieldSelector.isEmpty || fieldSelector.matches(object)
    }

    /// The resourceVersion as an integer.
    /// - Throws: `FakeAPIError` 400 when it is not one.
    func parsedResourceVersion() throws -> Int64? {
        guard let resourceVersion else { return nil }
        guard let value = Int64(resourceVersion), value >= 0 else {
            throw FakeAPIError.badRequest("invalid resource version \"\(resourceVersion)\"")
        }
        return value
    }
}

/// The opaque continue token, shaped like the real one: base64 of `{"v":"meta.k8s.io/v1","rv":N,"start":"key\0"}`.
struct ContinueToken: Sendable, Equatable {
    var revision: Int64
    /// The key to start from (inclusive): the last returned key followed by a NUL byte.
    var start: String

    var encoded: String {
        let json: FakeJSON = ["v": "meta.k8s.io/v1", "rv": .integer(revision), "start": .string(start)]
        return json.jsonData.base64EncodedString()
    }

    /// - Throws: `FakeAPIError` 400 when the token cannot be decoded.
    init(decoding token: String) throws {
        let invalid = FakeAPIError.badRequest("continue key is not valid: the token could not be decoded")
        guard let data = Data(base64Encoded: token), let json = try? FakeJSON(jsonData: data),
            json["v"]?.stringValue == "meta.k8s.io/v1", let revision = json["rv"]?.integerValue,
            let start = json["start"]?.stringValue
        else { throw invalid }
        self.revision = revision
        self.start = start
    }

    init(revision: Int64, start: String) {
        self.revision = revision
        self.start = start
    }
}
