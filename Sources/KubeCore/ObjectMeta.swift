import Foundation

/// The metadata every persisted Kubernetes object has (`metav1.ObjectMeta`).
///
/// Fields not modelled here (such as `managedFields`) are ignored when decoding; ``GenericObject`` keeps them.
public struct ObjectMeta: Codable, Sendable, Hashable {
    /// The object's name, unique in its namespace.
    public var name: String?
    /// A prefix from which the server generates a name when ``name`` is empty.
    public var generateName: String?
    /// The namespace; `nil` for cluster-scoped objects.
    public var namespace: String?
    /// The server-assigned unique identifier.
    public var uid: String?
    /// The opaque version of this object, for optimistic concurrency and watches.
    public var resourceVersion: String?
    /// The generation of the desired state, incremented by the server on spec changes.
    public var generation: Int64?
    /// When the object was created.
    public var creationTimestamp: Date?
    /// When deletion was requested; the object stays while finalizers remain.
    public var deletionTimestamp: Date?
    /// The grace period of a requested deletion.
    public var deletionGracePeriodSeconds: Int64?
    /// Identifying labels.
    public var labels: [String: String]?
    /// Non-identifying annotations.
    public var annotations: [String: String]?
    /// Objects that own this one.
    public var ownerReferences: [OwnerReference]?
    /// Finalizers that must be removed before the object is deleted.
    public var finalizers: [String]?

    /// Creates metadata; every field defaults to `nil`.
    public init(
        name: String? = nil,
        namespace: String? = nil,
        labels: [String: String]? = nil,
        annotations: [String: String]? = nil,
        generateName: String? = nil,
        uid: String? = nil,
        resourceVersion: String? = nil,
        generation: Int64? = nil,
        creationTimestamp: Date? = nil,
        deletionTimestamp: Date? = nil,
        deletionGracePeriodSeconds: Int64? = nil,
        ownerReferences: [OwnerReference]? = nil,
        finalizers: [String]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
    }

    /// The JSON keys of the modelled fields.
    package enum CodingKeys: String, CodingKey, CaseIterable {
        case name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp
        case deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers
    }

    /// The JSON keys of the modelled fields, as strings.
    package static let modelledKeys: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))
}

/// A reference from an object to its owner (`metav1.OwnerReference`).
public struct OwnerReference: Codable, Sendable, Hashable {
    /// The owner's `apiVersion`.
    public var apiVersion: String
    /// The owner's kind.
    public var kind: String
    /// The owner's name.
    public var name: String
    /// The owner's UID.
    public var uid: String
    /// Whether the owner is the managing controller.
    public var controller: Bool?
    /// Whether deleting the owner in foreground waits for this object.
    public var blockOwnerDeletion: Bool?

    /// Creates an owner reference.
    public init(
        apiVersion: String, kind: String, name: String, uid: String,
        controller: Bool? = nil, blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// The metadata of a list response (`metav1.ListMeta`).
public struct ListMeta: Codable, Sendable, Hashable {
    /// The resourceVersion at which the list was served; start a watch from it.
    public var resourceVersion: String?
    /// The token for the next page (JSON key `continue`); `nil` or empty on the last page.
    public var continueToken: String?
    /// An estimate of the items left after this page.
    public var remainingItemCount: Int64?

    /// Creates list metadata.
    public init(resourceVersion: String? = nil, continueToken: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
        self.remainingItemCount = remainingItemCount
    }

    enum CodingKeys: String, CodingKey {
        case resourceVersion
        case continueToken = "continue"
        case remainingItemCount
    }
}
