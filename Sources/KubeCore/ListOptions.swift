/// How a list request chooses which resourceVersion it is served at.
public enum ResourceVersionMatch: String, Sendable, Hashable {
    /// Exactly the given resourceVersion.
    case exact = "Exact"
    /// Any resourceVersion at least as new as the given one.
    case notOlderThan = "NotOlderThan"
}

/// Parameters of a list request.
public struct ListOptions: Sendable, Hashable {
    /// A label selector, e.g. `app=web,tier!=cache`.
    public var labelSelector: String?
    /// A field selector, e.g. `spec.nodeName=node-1`.
    public var fieldSelector: String?
    /// The page size.
    public var limit: Int?
    /// The continue token of the previous page (query parameter `continue`).
    public var continueToken: String?
    /// The resourceVersion to serve from; `"0"` lets the server answer from its cache.
    public var resourceVersion: String?
    /// How ``resourceVersion`` is matched.
    public var resourceVersionMatch: ResourceVersionMatch?
    /// A server-side timeout.
    public var timeoutSeconds: Int?

    /// Creates list options; every field defaults to `nil`.
    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
        resourceVersion: String? = nil, resourceVersionMatch: ResourceVersionMatch? = nil, timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
    }

    /// The query parameters, in the order: labelSelector, fieldSelector, limit, continue, resourceVersion,
    /// resourceVersionMatch, timeoutSeconds. `nil` fields are left out.
    public var queryItems: [QueryItem] {
        var items: [QueryItem] = []
        if let labelSelector { items.append(QueryItem(name: "labelSelector", value: labelSelector)) }
        if let fieldSelector { items.append(QueryItem(name: "fieldSelector", value: fieldSelector)) }
        if let limit { items.append(QueryItem(name: "limit", value: String(limit))) }
        if let continueToken { items.append(QueryItem(name: "continue", value: continueToken)) }
        if let resourceVersion { items.append(QueryItem(name: "resourceVersion", value: resourceVersion)) }
        if let resourceVersionMatch {
            items.append(QueryItem(name: "resourceVersionMatch", value: resourceVersionMatch.rawValue))
        }
        if let timeoutSeconds { items.append(QueryItem(name: "timeoutSeconds", value: String(timeoutSeconds))) }
        return items
    }
}

/// Parameters of a watch request.
public struct WatchOptions: Sendable, Hashable {
    /// A label selector.
    public var labelSelector: String?
    /// A field selector.
    public var fieldSelector: String?
    /// The resourceVersion to watch from (usually that of the preceding list).
    public var resourceVersion: String?
    /// Whether the server may send BOOKMARK events; `true` by default.
    public var allowWatchBookmarks: Bool
    /// Start with the current objects as ADDED events followed by a BOOKMARK annotated
    /// `k8s.io/initial-events-end` (the WatchList "streaming list"), served from the watch cache; sends
    /// `resourceVersionMatch=NotOlderThan` with it and needs bookmarks.
    public var sendInitialEvents: Bool
    /// A server-side timeout after which the watch ends normally.
    public var timeoutSeconds: Int?

    /// Creates watch options.
    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil,
        allowWatchBookmarks: Bool = true, timeoutSeconds: Int? = nil, sendInitialEvents: Bool = false
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.allowWatchBookmarks = allowWatchBookmarks
        self.sendInitialEvents = sendInitialEvents
        self.timeoutSeconds = timeoutSeconds
    }

    /// The query parameters: `watch=true`, then labelSelector, fieldSelector, resourceVersion,
    /// `allowWatchBookmarks=true` (when set) and timeoutSeconds.
    public var queryItems: [QueryItem] {
        var items = [QueryItem(name: "watch", value: "true")]
        if let labelSelector { items.append(QueryItem(name: "labelSelector", value: labelSelector)) }
        if let fieldSelector { items.append(QueryItem(name: "fieldSelector", value: fieldSelector)) }
        if let resourceVersion { items.append(QueryItem(name: "resourceVersion", value: resourceVersion)) }
        if allowWatchBookmarks { items.append(QueryItem(name: "allowWatchBookmarks", value: "true")) }
        if sendInitialEvents {
            items.append(QueryItem(name: "sendInitialEvents", value: "true"))
            items.append(QueryItem(name: "resourceVersionMatch", value: ResourceVersionMatch.notOlderThan.rawValue))
        }
        if let timeoutSeconds { items.append(QueryItem(name: "timeoutSeconds", value: String(timeoutSeconds))) }
        return items
    }
}
